import { describeEnvDocs, docRows, exampleNames, exampleValues } from '#test/env-docs.js';
import { ENV_SPEC } from './app-config.js';

/**
 * config/.env.example and docs/configuration.md describe ENV_SPEC; this keeps the three in step.
 * The SMS providers' own blocks (TWILIO_*, ...) are checked beside them, in the SMS package
 * (sms-providers-env-docs.spec.ts), which also checks that nothing documented is read by nobody.
 */
describeEnvDocs('configuration documentation', ENV_SPEC);

describe('configuration documentation, both files', () => {
  it('documents the same variables in both places, and nothing twice', () => {
    expect([...exampleValues.keys()].sort()).toEqual([...docRows.keys()].sort());
    expect(exampleNames.length).toBe(new Set(exampleNames).size);
  });
});
