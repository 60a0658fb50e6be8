import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { EnvSpec } from '#config/index.js';

/** config/.env.example and docs/configuration.md, which describe every variable tincoso reads. */
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

export const exampleValues = new Map(
  [...read('config/.env.example').matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map(([, name, value]) => [name, value]),
);
export const docRows = new Map(
  [...read('docs/configuration.md').matchAll(/^\| `([A-Z][A-Z0-9_]*)` \| ([^|]*) \|/gm)].map(([, name, defaultCell]) => [name, defaultCell]),
);
/** The variables with a row in one section (`## title`) of docs/configuration.md. */
export function docSection(title: string): string[] {
  const doc = read('docs/configuration.md');
  const start = doc.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`docs/configuration.md has no section "${title}"`);
  const end = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map(([, name]) => name);
}

/** Every variable name of the example, duplicates kept. */
export const exampleNames = [...read('config/.env.example').matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map(([, name]) => name);

type Spec = { default?: string; requiredInProduction?: boolean };
/** The value the example shows: the default, or blank for secrets and optional variables. */
const shownDefault = (spec: Spec) => (spec.requiredInProduction || spec.default === undefined ? '' : spec.default);

/** One test per variable of a block: in the example with its default, and a row of the docs with it. */
export function describeEnvDocs(title: string, block: EnvSpec): void {
  const specs = Object.entries(block) as [string, Spec][];
  describe(title, () => {
    it.each(specs)('config/.env.example has %s with its default', (name, spec) => {
      expect(exampleValues.get(name)).toBe(shownDefault(spec));
    });

    it.each(specs)('docs/configuration.md has a row for %s with its default', (name, spec) => {
      expect(docRows.has(name)).toBe(true);
      const value = shownDefault(spec);
      if (value !== '') expect(docRows.get(name)).toContain(`\`${value}\``);
    });
  });
}
