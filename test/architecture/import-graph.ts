import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';

/** One import as written in a file, with what it points at: a repository path or an npm package. */
export interface ImportEdge {
  /** Repository-relative path of the importing file, with forward slashes. */
  from: string;
  /** The specifier as written (`#sms/sms-provider.js`, `../x.js`, `@nestjs/common`). */
  specifier: string;
  /** Repository-relative path of the imported file when it is ours; undefined for an npm package. */
  target?: string;
}

export interface Violation {
  edge: ImportEdge;
  rule: RuleName;
}

export type RuleName =
  | 'engine-imports-channel'
  | 'library-imports-app'
  | 'domain-imports-framework'
  | 'foundation-imports-engine-or-channel'
  | 'channel-imports-channel'
  | 'relative-import-leaves-package';

export const RULES: Record<RuleName, string> = {
  'engine-imports-channel': 'libs/engine knows channels only through ChannelDefinition: no channel package',
  'library-imports-app': 'no library imports an app',
  'domain-imports-framework': 'libs/domain is plain TypeScript: no framework, infrastructure or other package of ours',
  'foundation-imports-engine-or-channel': 'config, persistence, queue and metrics sit below the engine and the channels',
  'channel-imports-channel': 'a channel package imports no other channel package (only the registry lists them all)',
  'relative-import-leaves-package': 'a relative import stays inside its package; another package is reached by its #alias',
};

/** npm packages that are a framework or infrastructure: libs/domain must not import them. */
const FRAMEWORK_PACKAGES = [
  /^@nestjs\//,
  /^typeorm$/,
  /^bullmq$/,
  /^ioredis$/,
  /^pg$/,
  /^express$/,
  /^multer$/,
  /^twilio$/,
  /^class-validator$/,
  /^class-transformer$/,
  /^nestjs-pino$/,
  /^pino(-http)?$/,
  /^rxjs$/,
  /^argon2$/,
];

/** Below the engine and the channels (libs/domain, lower still, has its own stricter rule). */
const FOUNDATION = new Set(['libs/config', 'libs/persistence', 'libs/queue', 'libs/metrics']);
const REGISTRY = 'libs/channels/registry';

/**
 * The package a repository path belongs to: `libs/<name>`, `libs/channels/<name>`, `apps/<name>` or
 * `test/<name>`; undefined outside them.
 */
export function packageOf(path: string): string | undefined {
  const parts = path.split('/');
  if (parts[0] === 'libs' && parts[1] === 'channels') return parts.length > 3 ? parts.slice(0, 3).join('/') : undefined;
  if (['libs', 'apps', 'test'].includes(parts[0]) && parts.length > 2) return parts.slice(0, 2).join('/');
  return undefined;
}

function isChannel(pkg: string | undefined): boolean {
  return pkg !== undefined && pkg.startsWith('libs/channels/');
}

function npmPackageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The rules one import breaks (usually none). */
export function rulesBrokenBy(edge: ImportEdge): RuleName[] {
  const from = packageOf(edge.from);
  if (from === undefined) return [];
  const broken: RuleName[] = [];
  if (edge.target === undefined) {
    const isBuiltin = edge.specifier.startsWith('node:');
    if (from === 'libs/domain' && !isBuiltin && FRAMEWORK_PACKAGES.some((p) => p.test(npmPackageName(edge.specifier)))) {
      broken.push('domain-imports-framework');
    }
    return broken;
  }
  const to = packageOf(edge.target);
  if (from === 'libs/engine' && isChannel(to)) broken.push('engine-imports-channel');
  if (from.startsWith('libs/') && to?.startsWith('apps/')) broken.push('library-imports-app');
  if (from === 'libs/domain' && to !== from && to?.startsWith('libs/')) broken.push('domain-imports-framework');
  if (FOUNDATION.has(from) && (to === 'libs/engine' || isChannel(to))) broken.push('foundation-imports-engine-or-channel');
  if (isChannel(from) && from !== REGISTRY && isChannel(to) && to !== from) broken.push('channel-imports-channel');
  // test/ has no alias for its fakes, so only libs/ and apps/ are held to aliases.
  const aliased = from.startsWith('libs/') || from.startsWith('apps/');
  if (aliased && edge.specifier.startsWith('.') && to !== from) broken.push('relative-import-leaves-package');
  return broken;
}

export function findViolations(edges: ImportEdge[]): Violation[] {
  return edges.flatMap((edge) => rulesBrokenBy(edge).map((rule) => ({ edge, rule })));
}

/** One line per broken import (`file -> import (rule)`), then what each broken rule means. */
export function describeViolations(violations: Violation[]): string {
  if (violations.length === 0) return '';
  const lines = new Set(violations.map((v) => `${v.edge.from} -> ${v.edge.specifier} (${v.rule})`));
  const rules = new Set(violations.map((v) => v.rule));
  const legend = [...rules].sort().map((rule) => `  ${rule}: ${RULES[rule]}`);
  return [...[...lines].sort(), '', ...legend].join('\n');
}

/** `#sms/*` → `libs/channels/sms/src/`, read from package.json "imports" (which point into dist/). */
export function aliasesOf(packageJson: { imports?: Record<string, string> }): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const [key, value] of Object.entries(packageJson.imports ?? {})) {
    if (!key.endsWith('/*') || !value.endsWith('/*')) continue;
    aliases.set(key.slice(0, -1), value.slice(0, -1).replace(/^\.\//, '').replace(/^dist\//, ''));
  }
  return aliases;
}

/** The repository path a specifier points at, or undefined for an npm package or a Node builtin. */
export function resolveSpecifier(from: string, specifier: string, aliases: Map<string, string>): string | undefined {
  let target: string | undefined;
  if (specifier.startsWith('.')) {
    target = posix.normalize(posix.join(posix.dirname(from), specifier));
  } else if (specifier.startsWith('#')) {
    const alias = [...aliases.keys()].find((prefix) => specifier.startsWith(prefix));
    target = alias === undefined ? specifier : posix.normalize(aliases.get(alias) + specifier.slice(alias.length));
  }
  return target?.replace(/\.js$/, '.ts');
}

/** Every specifier a TypeScript file imports or re-exports, static or dynamic, types included. */
export function specifiersIn(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

function* typeScriptFiles(root: string, dir: string): Generator<string> {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = posix.join(dir, entry.name);
    if (['node_modules', 'dist'].includes(entry.name) || path === 'apps/console') continue;
    if (entry.isDirectory()) yield* typeScriptFiles(root, path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

/** The import graph of libs/ and apps/ (the console excluded: it is a separate Vite build). */
export function readImportGraph(root: string): ImportEdge[] {
  const aliases = aliasesOf(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')));
  const edges: ImportEdge[] = [];
  for (const top of ['libs', 'apps']) {
    for (const file of typeScriptFiles(root, top)) {
      for (const specifier of specifiersIn(readFileSync(join(root, file), 'utf8'))) {
        edges.push({ from: file, specifier, target: resolveSpecifier(file, specifier, aliases) });
      }
    }
  }
  return edges;
}
