import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Response, Test } from 'supertest';
import { createApprovedMessage } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { createOpenApiDocument } from '../../apps/api/src/http/openapi-document.js';
import {
  changedKeys,
  encode,
  fingerprint,
  installWriteCounter,
  jsonBody,
  multipartFile,
  MULTIPART_FILES,
  OVERRIDES,
  pathValue,
  plausible,
  queryString,
  targetedQueries,
  type FuzzDocument,
  type Ids,
  type Operation,
} from './fuzz-routes-kit.js';

/** Fixed unless FUZZ_SEED is set; printed so that a failure in CI can be replayed. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const RUNS = Number(process.env.FUZZ_RUNS ?? 3);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const AUTHS = ['admin', 'officer', 'none', 'device'] as const;
/** Narrows the run to matching routes while investigating one (`FUZZ_ONLY='POST /api/v1/subscribers'`). */
const ONLY = process.env.FUZZ_ONLY ? new RegExp(process.env.FUZZ_ONLY) : undefined;

interface Input {
  auth: (typeof AUTHS)[number];
  path: string[];
  query: string;
  body: string | null;
  file: (typeof MULTIPART_FILES)[number];
  nastyFields: boolean;
}

interface Failure {
  route: string;
  problem: string;
  request: string;
}

/**
 * Every route of the OpenAPI document gets generated malformed bodies, query strings and path
 * parameters, signed in and not: no answer is a 5xx, every refusal is the one Vietnamese error body,
 * and a refused request leaves every table and the file store as they were.
 */
describe('every route refuses malformed input without a 5xx and without writing', () => {
  let api: TestApi;
  let document: FuzzDocument;
  let ids: Ids;
  let users: Record<'admin' | 'officer', TestUser>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi();
    document = createOpenApiDocument(api.app) as unknown as FuzzDocument;
    const province = await createUnit(api.db, { name: 'Tỉnh Thử Lỗi', level: 'province' });
    const commune = await createUnit(api.db, { name: 'Xã Thử Lỗi', level: 'commune', parent: province });
    users = {
      admin: await createUser(api.db, { role: 'admin', unit: province }),
      officer: await createUser(api.db, { role: 'officer', unit: commune }),
    };
    const approver = await createUser(api.db, { role: 'supervisor', unit: province });
    const message = await createApprovedMessage(api.db, { unit: commune, author: users.officer, approver });
    ids = { unitId: commune.id, messageId: message, other: '7d9f2b1e-3c4a-4e5f-8a6b-1c2d3e4f5a6b' };
    await signIn();
    await installWriteCounter(api.db);
    console.log(`fuzz-routes: seed ${SEED}, ${RUNS} runs per route and caller (FUZZ_SEED=${SEED} to replay)`);
  });
  afterAll(() => api?.close());

  async function signIn(): Promise<void> {
    for (const role of ['admin', 'officer'] as const) tokens[role] = await bearer(api.http, users[role]);
  }

  /** A generated request may log a caller out or lock them: sign in again before the next route. */
  async function keepSignedIn(): Promise<void> {
    for (const role of ['admin', 'officer'] as const) {
      const me = await api.http.get('/api/v1/auth/me').set('authorization', tokens[role]);
      if (me.status !== 200) tokens[role] = await bearer(api.http, users[role]);
    }
  }

  function authorize(req: Test, auth: (typeof AUTHS)[number]): Test {
    if (auth === 'admin' || auth === 'officer') return req.set('authorization', tokens[auth]);
    if (auth === 'device') return req.set('authorization', 'Bearer tcs_st_invalid\u00e9').set('x-device-token', 'tcs_st_\u00ff');
    return req;
  }

  /** Multipart routes get one generated file and their other fields either plausible or holding a NUL. */
  function send(method: (typeof METHODS)[number], url: string, operation: Operation, input: Input): Test {
    const { body, file } = input;
    const req = api.http[method](url).timeout({ response: 5000 });
    const form = operation.requestBody?.content['multipart/form-data']?.schema;
    if (form) {
      for (const [field, schema] of Object.entries(form.properties ?? {})) {
        if (schema.format === 'binary') continue;
        const plain = field === 'unitId' ? ids.unitId : schema.format === 'uuid' ? randomUUID() : String(plausible(document, schema, ids));
        req.field(field, input.nastyFields ? 'a\u0000b' : plain);
      }
      return req.attach('file', file.bytes, { filename: file.name, contentType: file.type });
    }
    if (body !== null) return req.set('content-type', 'application/json').send(body);
    return req;
  }

  /** What is wrong with one answer: a 5xx, a write behind a refusal, an error body out of shape or not in Vietnamese. */
  function problems(res: Response, refused: boolean, written: string[]): string[] {
    const out: string[] = [];
    if (res.status >= 500) out.push(`answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
    if (refused && written.length) out.push(`refused with ${res.status} but wrote ${written.join(', ')}`);
    if (res.status >= 400 && res.type === 'application/json') {
      const body = res.body as Record<string, unknown>;
      if (typeof body.message !== 'string' || !Array.isArray(body.details) || body.statusCode !== res.status) {
        out.push(`error body out of shape: ${JSON.stringify(body).slice(0, 200)}`);
      } else if (!/[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i.test(body.message)) {
        out.push(`error message not Vietnamese: ${body.message.slice(0, 200)}`);
      }
    }
    return out;
  }

  it('holds on every route of the OpenAPI document', async () => {
    const failures: Failure[] = [];
    let routes = 0;
    let requests = 0;
    let last: Record<string, string> | undefined;
    const seconds: [string, number][] = [];
    for (const [template, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        routes += 1;
        const route = `${method.toUpperCase()} ${template}`;
        if (ONLY && !ONLY.test(route)) continue;
        const started = performance.now();
        const pathNames = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        const jsonSchema = operation.requestBody?.content['application/json']?.schema;
        const realPath = pathNames.map((name) => (/unit/i.test(name) ? ids.unitId : ids.messageId));
        const body = (override?: keyof typeof OVERRIDES) =>
          operation.requestBody ? JSON.stringify(plausible(document, jsonSchema, ids, override ? OVERRIDES[override] : undefined)) : null;
        const example = (auth: (typeof AUTHS)[number], b: string | null, query = '', file = MULTIPART_FILES[0]): [Input] => [
          { auth, path: [...realPath, ''], query, body: b, file, nastyFields: false },
        ];
        const examples: [Input][] = [
          ...(['nul', 'offsetless', 'impossibleDate', 'huge'] as const).map((o) => example('officer', body(o))),
          example('admin', body('nul')),
          example('none', body('nul')),
          example('officer', (body() ?? '{}').replace(/^\{/, '{"__proto__":{"admin":true},').replace(/,\}$/, '}')),
          ...targetedQueries(operation.parameters ?? []).map((q) => example('officer', body(), q)),
          ...(operation.requestBody?.content['multipart/form-data'] ? MULTIPART_FILES.map((f) => example('officer', null, '', f)) : []),
        ];
        const arbitrary: fc.Arbitrary<Input> = fc.record({
          auth: fc.constantFrom(...AUTHS),
          path: fc.tuple(...pathNames.map(() => pathValue(ids)), fc.constant('')).map((p): string[] => p),
          query: queryString(operation.parameters ?? []),
          body: operation.requestBody || method !== 'get' ? jsonBody(document, jsonSchema, ids).map((b): string | null => b) : fc.constant(null),
          file: multipartFile,
          nastyFields: fc.boolean(),
        });
        const result = await fc.check(
          fc.asyncProperty(arbitrary, async (input) => {
            let url = template;
            pathNames.forEach((name, i) => (url = url.replace(`{${name}}`, encode(input.path[i]))));
            if (input.query) url += `?${input.query}`;
            const before = last ?? (await fingerprint(api.db, api.config.storageDir));
            let res: Response;
            try {
              res = await authorize(send(method, url, operation, input), input.auth);
            } catch (err) {
              last = undefined;
              const timedOut = (err as { timeout?: number }).timeout !== undefined;
              if (timedOut && template.includes('stream')) return true;
              throw err;
            }
            requests += 1;
            const refused = res.status >= 400;
            // A refusal leaves the state as it was, so its fingerprint is the next request's "before".
            last = refused ? await fingerprint(api.db, api.config.storageDir) : undefined;
            const written = last ? changedKeys(before, last) : [];
            const found = problems(res, refused, written);
            if (found.length) failures.push({ route, problem: found.join('; '), request: `${input.auth} ${url} ${String(input.body).slice(0, 200)}` });
            return true;
          }),
          { seed: SEED + routes, numRuns: RUNS + examples.length, examples, endOnFailure: true },
        );
        if (result.failed) failures.push({ route, problem: `threw: ${String(result.errorInstance)}`, request: JSON.stringify(result.counterexample).slice(0, 300) });
        await keepSignedIn();
        last = undefined;
        seconds.push([route, (performance.now() - started) / 1000]);
      }
    }
    const slowest = seconds.sort((a, b) => b[1] - a[1]).slice(0, 5).map(([r, s]) => `${r} ${s.toFixed(1)} s`);
    console.log(`fuzz-routes: ${routes} routes, ${requests} requests, ${failures.length} failures; slowest: ${slowest.join(', ')}`);
    if (!ONLY) expect(routes).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  }, 600_000);
});
