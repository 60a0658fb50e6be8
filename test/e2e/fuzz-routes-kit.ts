import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';

/** Generators of malformed input read from the OpenAPI document, and a fingerprint of everything a request could write. */

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  example?: unknown;
  nullable?: boolean;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: Schema;
}

export interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  security?: Record<string, string[]>[];
}

export interface FuzzDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface Ids {
  unitId: string;
  messageId: string;
  other: string;
}

/** Strings that break a rule somewhere: control characters, wrong shapes, impossible dates, times without offset, huge numbers. */
const NASTY_STRINGS = [
  'a\u0000b',
  '\u0000',
  'x\u0007\u001b[31m',
  '',
  '   ',
  'a'.repeat(5000),
  '2026-02-30',
  '2026-02-30T10:00:00+07:00',
  '2026-03-01T14:30',
  '2026-03-01T14:30:00',
  '14:30',
  '25:99',
  '-1',
  '0',
  '1e400',
  '99999999999999999999',
  'NaN',
  'true',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  "'; DROP TABLE message; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '\ud800',
  'Xã \u0000 Hoà',
];

const NASTY_VALUES: unknown[] = [
  null,
  true,
  -1,
  0,
  1.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  [],
  ['a\u0000'],
  {},
  { x: 1 },
  [null],
];

export const nastyString = fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }));
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(nastyString, fc.constantFrom(...NASTY_VALUES), fc.integer(), fc.double());

/** Replaces the plausible value of a field (by schema and name) in a targeted example; undefined keeps it. */
export type Override = (schema: Schema, name: string) => unknown;

const DATE_NAME = /(At|From|To|Until|Since|Date|date|Time|time|day|Day)$/;

/** Targeted bodies every route gets besides the random ones: each breaks one rule of the issue everywhere it can. */
export const OVERRIDES: Record<string, Override> = {
  nul: (schema) => (schema.type === 'string' && !schema.enum && !schema.format ? 'Thôn\u0000Đông' : undefined),
  offsetless: (schema, name) => (schema.format === 'date-time' || (schema.type === 'string' && DATE_NAME.test(name)) ? '2026-03-01T14:30:00' : undefined),
  impossibleDate: (schema, name) =>
    schema.format === 'date' ? '2026-02-30' : schema.format === 'date-time' || (schema.type === 'string' && DATE_NAME.test(name)) ? '2026-02-30T10:00:00+07:00' : undefined,
  huge: (schema) => (schema.type === 'integer' || schema.type === 'number' ? 1e21 : undefined),
};

/** A value close to valid for the schema: what an officer would send, so that one mutation reaches deep rules. */
export function plausible(doc: FuzzDocument, schema: Schema | undefined, ids: Ids, override?: Override, name = '', depth = 0): unknown {
  if (!schema || depth > 6) return 'x';
  if (schema.$ref) return plausible(doc, doc.components.schemas[schema.$ref.split('/').pop() ?? ''], ids, override, name, depth + 1);
  const composed = schema.allOf?.[0] ?? schema.oneOf?.[0] ?? schema.anyOf?.[0];
  if (composed) return plausible(doc, composed, ids, override, name, depth + 1);
  const replaced = override?.(schema, name);
  if (replaced !== undefined) return replaced;
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [plausible(doc, schema.items, ids, override, name, depth + 1)];
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) out[key] = plausible(doc, property, ids, override, key, depth + 1);
      return out;
    }
    default:
      if (schema.format === 'uuid') return ids.unitId;
      if (schema.format === 'date-time') return '2026-06-01T08:00:00+07:00';
      if (schema.format === 'date') return '2026-06-01';
      return schema.properties ? plausible(doc, { ...schema, type: 'object' }, ids, override, name, depth) : 'Nội dung thử';
  }
}

/** Targeted query strings: a page far out of range, a time without offset, an impossible date, a NUL. */
export function targetedQueries(parameters: Parameter[]): string[] {
  const query = parameters.filter((p) => p.in === 'query');
  const all = (value: (p: Parameter) => string | undefined) =>
    query.flatMap((p) => (value(p) === undefined ? [] : [`${p.name}=${encode(value(p)!)}`])).join('&');
  const paged = query.some((p) => p.name === 'page') ? ['page=99999999999999999999&pageSize=100', 'page=1e400', 'page=1000001'] : [];
  return [
    ...paged,
    all((p) => (OVERRIDES.offsetless(p.schema ?? {}, p.name) as string | undefined)),
    all((p) => (OVERRIDES.impossibleDate(p.schema ?? {}, p.name) as string | undefined)),
    all((p) => (p.schema?.type === 'string' || !p.schema?.type ? 'a\u0000b' : undefined)),
  ].filter((q) => q.length > 0);
}

/** Every dotted path to a leaf of a plain JSON value, so a mutation can land anywhere. */
function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  const out: string[][] = prefix.length ? [prefix] : [];
  for (const [key, child] of entries) out.push(...leafPaths(child, [...prefix, key]));
  return out.length ? out : [prefix];
}

function setAt(root: unknown, path: string[], value: unknown): unknown {
  if (!path.length) return value;
  const copy = structuredClone(root) as Record<string, unknown>;
  let node: unknown = copy;
  for (const key of path.slice(0, -1)) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  // An earlier change replaced a parent with a scalar: this one has nowhere to land.
  if (node && typeof node === 'object') (node as Record<string, unknown>)[path[path.length - 1]] = value;
  return copy;
}

/** A raw JSON body: the plausible body with one to three leaves replaced, an extra or prototype key, or broken JSON. */
export function jsonBody(doc: FuzzDocument, schema: Schema | undefined, ids: Ids): fc.Arbitrary<string> {
  const base = plausible(doc, schema, ids);
  const targeted = fc.constantFrom(...Object.values(OVERRIDES)).map((override) => JSON.stringify(plausible(doc, schema, ids, override)));
  const paths = leafPaths(base);
  const mutated = fc
    .array(fc.tuple(fc.constantFrom(...paths), nastyValue), { minLength: 1, maxLength: 3 })
    .map((changes) => JSON.stringify(changes.reduce((body, [path, value]) => setAt(body, path, value), base)));
  const withKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'unknownField').map((key) => {
    const text = JSON.stringify(base && typeof base === 'object' && !Array.isArray(base) ? base : {});
    return `{"${key}":{"polluted":true},${text.slice(1)}`.replace(/,}$/, '}');
  });
  const broken = fc.constantFrom('{', '{"a":', '[1,2', 'null', '"text"', '123', '{"a":"\\u0000"}', `{"x":${'['.repeat(200)}`, 'nan', '\u0000');
  return fc.oneof({ arbitrary: mutated, weight: 4 }, { arbitrary: targeted, weight: 2 }, { arbitrary: withKey, weight: 1 }, { arbitrary: broken, weight: 1 });
}

/** Path parameters: real ids (so deep rules run), unknown ids, and strings that are no id at all. */
export function pathValue(ids: Ids): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom(ids.unitId, ids.messageId, ids.other, '1', '0', '-1', '1e400', '99999999999999999999', 'abc'), nastyString.filter((s) => s.length > 0));
}

/** A query string: every declared parameter sometimes, with a nasty value, plus an unknown or prototype parameter. */
export function queryString(parameters: Parameter[]): fc.Arbitrary<string> {
  const names = [...parameters.filter((p) => p.in === 'query').map((p) => p.name), 'page', 'pageSize', '__proto__[x]', 'constructor', 'unknown'];
  const pageValue = fc.constantFrom('0', '-1', '1e400', '99999999999999999999', '9007199254740993', '1000000000', '2.5', '', 'abc');
  return fc
    .array(fc.tuple(fc.constantFrom(...names), fc.oneof(nastyString, pageValue)), { maxLength: 4 })
    .map((pairs) => pairs.map(([name, value]) => `${encodeURIComponent(name).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encode(value)}`).join('&'));
}

/** Percent-encoding that survives lone surrogates: they go out as the bytes of an invalid UTF-8 sequence. */
export function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return `%ED%A0%80${encodeURIComponent(value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ''))}`;
  }
}

/** Files for multipart routes: truncated and lying images, text with NUL, empty files. */
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const MULTIPART_FILES = [
  { name: 'cut.png', type: 'image/png', bytes: Buffer.concat([PNG_SIGNATURE, Buffer.alloc(12, 0)]) },
  { name: 'lie.png', type: 'image/png', bytes: Buffer.from('not an image at all') },
  { name: 'empty.csv', type: 'text/csv', bytes: Buffer.alloc(0) },
  { name: 'nul.csv', type: 'text/csv', bytes: Buffer.from('phone,name\n0912345678,Nguy\u0000ễn Văn A\n0912345679,"Trần\u0000"\n') },
  { name: 'nul\u0000.mp3', type: 'audio/mpeg', bytes: Buffer.from([0xff, 0xfb, 0x90, 0x00]) },
  { name: 'a.xml', type: 'application/xml', bytes: Buffer.from('<alert><identifier>\u0000</identifier>') },
];
export const multipartFile = fc.constantFrom(...MULTIPART_FILES);

/**
 * A row trigger on every table of the test database counts the rows each statement inserts, updates or
 * deletes (a rolled-back write rolls its count back too): equal counts and stored files before and after
 * a request mean it wrote nothing. Partitions created later inherit the trigger from their parent.
 */
export async function installWriteCounter(db: DataSource): Promise<void> {
  await db.query(`CREATE TABLE fuzz_write (t text PRIMARY KEY, n bigint NOT NULL)`);
  await db.query(`CREATE FUNCTION fuzz_count_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO fuzz_write (t, n) VALUES (TG_TABLE_NAME, 1) ON CONFLICT (t) DO UPDATE SET n = fuzz_write.n + 1;
      RETURN NULL;
    END $$`);
  const tables: { name: string }[] = await db.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'fuzz_write'`,
  );
  for (const { name } of tables) {
    await db.query(`CREATE TRIGGER fuzz_count_write AFTER INSERT OR UPDATE OR DELETE ON "${name}" FOR EACH ROW EXECUTE FUNCTION fuzz_count_write()`);
  }
}

export async function fingerprint(db: DataSource, storageDir: string): Promise<Record<string, string>> {
  const rows: { t: string; n: string }[] = await db.query(`SELECT t, n::text FROM fuzz_write`);
  const out: Record<string, string> = Object.fromEntries(rows.map((r) => [r.t, r.n]));
  out['files'] = String(countFiles(storageDir));
  return out;
}

function countFiles(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    n += statSync(path).isDirectory() ? countFiles(path) : 1;
  }
  return n;
}

export function changedKeys(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);
}
