import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createTestDatabase } from '#test/test-database.js';

/** The checkout's root, whether this file runs from test/ (Jest) or compiled under dist/ (benchmarks). */
function findRoot(): string {
  let dir = fileURLToPath(new URL('.', import.meta.url));
  while (!existsSync(join(dir, 'nest-cli.json'))) dir = dirname(dir);
  return dir;
}
const ROOT = findRoot();
export const DEMO_PASSWORD = 'tincoso-demo-2025';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export const LAPTOP = { width: 1366, height: 768 };
export const PHONE = { width: 360, height: 740 };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

class BuiltProcess {
  output = '';
  readonly child: ChildProcess;
  constructor(entry: string, args: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, [entry, ...args], { cwd: ROOT, env: { PATH: process.env.PATH, ...env } });
    this.child.stdout?.on('data', (c: Buffer) => (this.output += c.toString()));
    this.child.stderr?.on('data', (c: Buffer) => (this.output += c.toString()));
  }
  async waitFor(text: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes(text)) {
      if (this.child.exitCode !== null) throw new Error(`process exited:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`"${text}" not seen in ${timeoutMs} ms:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  async exit(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    return new Promise((resolve) => {
      this.child.once('exit', (code) => resolve(code));
    });
  }
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = this.exit();
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * The whole system as `npm start` runs it, once for every browser test: the built api (serving the
 * built console) and worker on a private database with the demo data and a private queue prefix,
 * and one headless Chromium.
 */
export class ConsoleStack {
  baseUrl = '';
  sql!: pg.Client;
  browser!: Browser;
  private database!: Awaited<ReturnType<typeof createTestDatabase>>;
  private api!: BuiltProcess;
  private worker!: BuiltProcess;
  env: NodeJS.ProcessEnv = {};

  async start(): Promise<void> {
    if (!existsSync(join(ROOT, 'dist/console/index.html'))) throw new Error('dist/console is missing: `npm test` builds it');
    this.database = await createTestDatabase();
    const port = await freePort();
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.env = {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_BASE_URL: this.baseUrl,
      DATABASE_URL: this.database.url,
      QUEUE_PREFIX: `b${randomBytes(5).toString('hex')}`,
      STORAGE_DIR: mkdtempSync(join(tmpdir(), 'tincoso-browser-')),
      MIGRATE_ON_START: 'false',
      SMS_PROVIDER: 'sandbox',
      RECONCILE_INTERVAL_SECONDS: '2',
      CONSOLE_DIR: join(ROOT, 'dist/console'),
    };
    const seed = new BuiltProcess('dist/apps/cli/src/main.js', ['seed-demo'], this.env);
    if ((await seed.exit()) !== 0) throw new Error(`seed-demo failed:\n${seed.output}`);
    this.sql = new pg.Client({ connectionString: this.database.url });
    await this.sql.connect();
    this.worker = new BuiltProcess('dist/apps/worker/src/main.js', [], this.env);
    this.api = new BuiltProcess('dist/apps/api/src/main.js', [], this.env);
    await Promise.all([this.worker.waitFor('tincoso worker ready'), this.api.waitFor('tincoso api listening')]);
    this.browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await Promise.all([this.api?.stop(), this.worker?.stop()]);
    await this.sql?.end();
    await this.database?.drop();
  }

  /** What the api and worker printed, for a failing test's message. */
  get logs(): string {
    return `--- api ---\n${this.api?.output}\n--- worker ---\n${this.worker?.output}`;
  }

  async context(viewport = LAPTOP): Promise<BrowserContext> {
    return this.browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', baseURL: this.baseUrl });
  }

  /** A fresh browser (own cookies) signed in as a demo user, on the dashboard. */
  async signedIn(username: string, viewport = LAPTOP): Promise<Page> {
    const page = await (await this.context(viewport)).newPage();
    await signIn(page, username);
    return page;
  }

  /** An API token for set-up steps a test does not exercise through the console. */
  async token(username: string): Promise<string> {
    const res = await fetch(`${this.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { accessToken: string }).accessToken;
  }

  waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    return waitUntilTrue(check, timeoutMs);
  }

  /** A call as a loudspeaker cluster or board makes it, with its device token. */
  device<T>(deviceToken: string, method: string, path: string, body?: unknown): Promise<T> {
    return this.apiCall<T>(deviceToken, method, path, body);
  }

  async apiCall<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

export async function waitUntilTrue(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
