import { readFileSync } from 'node:fs';
import { ENV_SPEC } from './app-config.js';

/** config/.env.example and docs/configuration.md describe ENV_SPEC; this keeps the three in step. */
const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

const exampleValues = new Map(
  [...read('config/.env.example').matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map(([, name, value]) => [name, value]),
);
const docRows = new Map(
  [...read('docs/configuration.md').matchAll(/^\| `([A-Z][A-Z0-9_]*)` \| ([^|]*) \|/gm)].map(([, name, defaultCell]) => [name, defaultCell]),
);

type Spec = { default?: string; requiredInProduction?: boolean };
const specs = Object.entries(ENV_SPEC) as [string, Spec][];
/** The value the example shows: the default, or blank for secrets and optional variables. */
const shownDefault = (spec: Spec) => (spec.requiredInProduction || spec.default === undefined ? '' : spec.default);

describe('configuration documentation', () => {
  it.each(specs)('config/.env.example has %s with its default', (name, spec) => {
    expect(exampleValues.get(name)).toBe(shownDefault(spec));
  });

  it.each(specs)('docs/configuration.md has a row for %s with its default', (name, spec) => {
    expect(docRows.has(name)).toBe(true);
    const value = shownDefault(spec);
    if (value !== '') expect(docRows.get(name)).toContain(`\`${value}\``);
  });

  it('documents the same variables in both places, and nothing twice', () => {
    expect([...exampleValues.keys()].sort()).toEqual([...docRows.keys()].sort());
    const names = [...read('config/.env.example').matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map(([, name]) => name);
    expect(names.length).toBe(new Set(names).size);
  });
});
