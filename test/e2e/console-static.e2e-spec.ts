import { get, type IncomingHttpHeaders } from 'node:http';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startTestApi, type TestApi } from '#test/test-api.js';

const INDEX = '<!doctype html><html lang="vi"><body><div id="root"></div></body></html>';
const SCRIPT = `console.log(${JSON.stringify('tin cơ sở '.repeat(200))});`;

/** A built console as Vite leaves it: index.html, a hashed script and its .br and .gz. */
function fakeConsole(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tincoso-console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets/index-AbC123.js'), SCRIPT);
  writeFileSync(join(dir, 'assets/index-AbC123.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(dir, 'assets/index-AbC123.js.gz'), gzipSync(SCRIPT));
  return dir;
}

/** The bytes as sent, without the decoding HTTP clients do for us. */
function rawGet(url: string, acceptEncoding: string): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('the api serves the console', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ consoleDir: fakeConsole() }, { listen: true });
  });
  afterAll(() => api.close());

  it.each(['/', '/messages', '/messages/3b1f8a4e-0000-4000-8000-000000000000', '/boards', '/admin/users'])(
    'answers %s with the console, never cached',
    async (path) => {
      const res = await api.http.get(path).set('Accept', 'text/html');
      expect(res.status).toBe(200);
      expect(res.text).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-cache');
    },
  );

  it('leaves the API, the kiosk pages and the public pages their own answers', async () => {
    const api404 = await api.http.get('/api/v1/no-such-route');
    expect(api404.status).toBe(404);
    expect(api404.body).toEqual(expect.objectContaining({ statusCode: 404 }));
    const kiosk = await api.http.get('/boards/not-a-real-board-token');
    expect(kiosk.text).not.toBe(INDEX);
    expect((await api.http.get('/health')).body).toEqual(expect.objectContaining({ status: 'ok' }));
    expect((await api.http.get('/public/messages/3b1f8a4e-0000-4000-8000-000000000000')).text).not.toBe(INDEX);
  });

  it('sends the brotli or gzip file to browsers that take it, cached for a year', async () => {
    const br = await rawGet(`${api.config.publicBaseUrl}/assets/index-AbC123.js`, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);

    const gz = await rawGet(`${api.config.publicBaseUrl}/assets/index-AbC123.js`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);
    const plain = await rawGet(`${api.config.publicBaseUrl}/assets/index-AbC123.js`, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
  });
});

describe('the built console (dist/console)', () => {
  const assets = new URL('../../dist/console/assets/', import.meta.url);

  it('has compressed copies identical to the files Vite wrote', () => {
    const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(5);
    let compared = 0;
    for (const file of files) {
      const names = readdirSync(assets);
      if (!names.includes(`${file}.br`)) continue;
      const plain = readFileSync(new URL(file, assets));
      expect(brotliDecompressSync(readFileSync(new URL(`${file}.br`, assets))).equals(plain)).toBe(true);
      expect(gunzipSync(readFileSync(new URL(`${file}.gz`, assets))).equals(plain)).toBe(true);
      compared++;
    }
    expect(compared).toBeGreaterThan(5);
  });
});
