import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CLIENT_DIR = 'apps/console/src/api';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

interface Response {
  description: string;
  content?: Record<string, { schema?: { type?: string; format?: string; $ref?: string } }>;
}
interface Operation {
  operationId: string;
  summary?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, Response>;
}
interface Document {
  servers: { url: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { enum?: string[] }>; securitySchemes: Record<string, unknown> };
}

/** The document and client as `npm run api:client` writes them, built from dist/ into a scratch directory. */
describe('the OpenAPI document and the generated console client', () => {
  let outDir: string;
  let document: Document;
  const operations: [string, Operation][] = [];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'tincoso-api-client-'));
    await run(process.execPath, ['scripts/api-client.mjs', '--out', outDir]);
    document = JSON.parse(readFileSync(join(outDir, 'openapi.json'), 'utf8')) as Document;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) if (item[method]) operations.push([`${method.toUpperCase()} ${path}`, item[method]]);
    }
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it.each(['openapi.json', 'schema.d.ts'])('the committed %s is what the API generates today', (name) => {
    const generated = readFileSync(join(outDir, name), 'utf8');
    const committed = readFileSync(join(CLIENT_DIR, name), 'utf8');
    if (generated !== committed) {
      const line = generated.split('\n').findIndex((text, i) => text !== committed.split('\n')[i]) + 1;
      throw new Error(`${CLIENT_DIR}/${name} is out of date with the API (first difference at line ${line}): run npm run api:client`);
    }
    expect(generated.length).toBeGreaterThan(10_000);
  });

  it('passes redocly lint with the recommended rules: no error, no warning', async () => {
    // The committed document is linted (the ignore file names its path); the test above shows it is the fresh one.
    const lint = await run('node_modules/.bin/redocly', ['lint', `${CLIENT_DIR}/openapi.json`, '--format', 'json', '--max-problems', '1000'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 20_000_000,
    }).catch((error: { stdout: string }) => error);
    const report = JSON.parse(lint.stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; location: { pointer: string }[] }[] };
    expect(report.problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('gives every operation a summary, a typed 2xx answer (or a documented empty or binary one) and a 4xx answer', () => {
    const problems: string[] = [];
    for (const [name, operation] of operations) {
      if (!operation.summary) problems.push(`${name}: no summary`);
      const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      const typed = success.some(([status, response]) =>
        status === '204' ? !response.content : Object.values(response.content ?? {}).some((media) => media.schema?.$ref || media.schema?.type),
      );
      if (!typed) problems.push(`${name}: no 2xx answer with a schema`);
      const errors = Object.entries(operation.responses).filter(([status]) => status.startsWith('4'));
      const probe = ['GET /health', 'GET /health/ready', 'GET /api/v1/reference/content-model'].includes(name);
      if (!errors.length && !probe) problems.push(`${name}: no 4xx answer`);
      for (const [status, response] of errors) {
        // The citizens' page answers an unpublished message with a page of its own (docs/architecture.md, Errors).
        const page = name === 'GET /public/messages/{id}' && status === '404' && response.content?.['text/html'];
        if (!page && response.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ErrorBodyDto') problems.push(`${name}: ${status} is not an ErrorBodyDto`);
      }
    }
    expect(problems).toEqual([]);
    expect(operations.length).toBeGreaterThan(80);
  });

  it('declares who may call what: the user token by default, nothing on public routes, device tokens on device routes', () => {
    const security = (name: string) => operations.find(([n]) => n === name)?.[1].security;
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(security('GET /api/v1/messages')).toEqual([{ bearer: [] }]);
    for (const name of ['POST /api/v1/auth/login', 'POST /api/v1/auth/refresh', 'GET /health', 'GET /feeds/units/{unitId}/rss.xml', 'GET /boards/{token}']) {
      expect([name, security(name)]).toEqual([name, []]);
    }
    expect(security('POST /api/v1/auth/logout')).toEqual([{}, { bearer: [] }]);
    expect(security('GET /api/v1/devices/stations/playlist')).toEqual(expect.arrayContaining([{ deviceBearer: [] }, { deviceTokenHeader: [] }]));
    expect(security('GET /api/v1/devices/boards/feed')).toEqual([{ deviceBearer: [] }]);
    expect(operations.filter(([name]) => name.includes('/webhooks/'))).toEqual([]);
  });

  it('publishes the statuses, channels and roles as named enums', () => {
    const schemas = document.components.schemas;
    expect(schemas.BroadcastStatus?.enum).toEqual(['scheduled', 'running', 'held', 'completed', 'partially-failed', 'failed', 'cancelled']);
    expect(schemas.Role?.enum).toEqual(['officer', 'supervisor', 'admin']);
    expect(schemas.Priority?.enum).toEqual(['normal', 'priority', 'emergency']);
    for (const name of ['Channel', 'MessageStatus', 'DeliveryStatus', 'ContentGroup']) expect([name, schemas[name]?.enum?.length]).toEqual([name, expect.any(Number)]);
  });
});
