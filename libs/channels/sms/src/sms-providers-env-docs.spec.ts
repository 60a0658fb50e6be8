import { ENV_SPEC } from '#config/index.js';
import { describeEnvDocs, docSection } from '#test/env-docs.js';
import { SMS_PROVIDERS } from './sms-providers.js';

for (const provider of SMS_PROVIDERS) describeEnvDocs(`SMS provider ${provider.name}: its variables documented`, provider.env);

describe('SMS provider variables', () => {
  it.each(SMS_PROVIDERS.map((p) => [p.name, p] as const))('%s names its variables after itself', (name, provider) => {
    const prefix = `${name.toUpperCase().replace(/-/g, '_')}_`;
    expect(Object.keys(provider.env).filter((v) => !v.startsWith(prefix))).toEqual([]);
  });

  it('documents in the SMS section exactly the SMS settings and the registered providers\' blocks', () => {
    const read = [...Object.keys(ENV_SPEC).filter((v) => v.startsWith('SMS_')), ...SMS_PROVIDERS.flatMap((p) => Object.keys(p.env))];
    expect(read.length).toBe(new Set(read).size);
    expect(docSection('SMS').sort()).toEqual(read.sort());
  });
});
