import 'reflect-metadata';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * The console's cost to an officer on a cheap laptop (issue 9): the JavaScript and CSS sent before
 * the dashboard shows, the time to the dashboard and to the message list with 10,000 messages in the
 * unit under 4× CPU slowdown and Fast 3G, and the server time of every list with 10,000 rows.
 * Usage: npm run bench:console
 */
process.env.TEST_TEMPLATE_DB ??= 'tincoso_bench_console_template';
const { adminQuery, databaseUrl, TEMPLATE_DB } = await import('#test/test-database.js');
const { prepareTemplate } = await import('#test/template-setup.js');
const { ConsoleStack, signIn } = await import('../test/browser/console-stack.js');
const { prepareShowcase } = await import('../test/browser/showcase.js');
const { fillCommune } = await import('./console/bulk-rows.js');
const { throttledLoad, FAST_3G, CPU_SLOWDOWN } = await import('./console/throttled-load.js');

const RUNS = 3;
const LIST_SAMPLES = 40;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function dashboardReady(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Tổng quan' }).waitFor({ timeout: 60_000 });
  await page.locator('.ant-spin-spinning, .ant-skeleton-active').first().waitFor({ state: 'detached', timeout: 60_000 });
}

async function messageListReady(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Tin bài' }).waitFor({ timeout: 60_000 });
  await page.locator('.ant-table-row').first().waitFor({ timeout: 60_000 });
}

await adminQuery(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
await adminQuery(`CREATE DATABASE "${TEMPLATE_DB}"`);
await prepareTemplate(databaseUrl(TEMPLATE_DB));

const stack = new ConsoleStack();
await stack.start();
try {
  await prepareShowcase(stack);
  const { unitId } = await fillCommune(stack.sql, 'canbo.xa');

  // Server time of each list with 10,000 rows in the unit, over HTTP on this machine.
  const tokens = { officer: await stack.token('canbo.xa'), supervisor: await stack.token('lanhdao.tinh') };
  // The audit log is read by supervisors and admins; the province's supervisor sees the commune's rows.
  const readers: Record<string, string> = { audit: tokens.supervisor };
  const lists: Record<string, string[]> = {
    messages: ['/messages?page=1&pageSize=20', '/messages?page=250&pageSize=20', '/messages?q=nop%20ho%20so&page=1', '/messages?status=approved&sort=title'],
    broadcasts: ['/broadcasts?page=1&pageSize=20', '/broadcasts?page=400&pageSize=20', '/broadcasts?status=completed&sort=-createdAt'],
    subscribers: ['/subscribers?page=1&pageSize=20', '/subscribers?page=400&pageSize=20', '/subscribers?q=nguoi%20dan%2012'],
    audit: ['/audit?page=1&pageSize=20', `/audit?page=300&pageSize=20&unitId=${unitId}`],
  };
  const server: Record<string, { p50: number; p95: number; max: number }> = {};
  for (const [name, urls] of Object.entries(lists)) {
    const times: number[] = [];
    for (let i = 0; i < LIST_SAMPLES; i++) {
      const url = urls[i % urls.length];
      const t0 = performance.now();
      const res = await fetch(`${stack.baseUrl}/api/v1${url}`, { headers: { Authorization: `Bearer ${readers[name] ?? tokens.officer}` } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      times.push(performance.now() - t0);
    }
    server[name] = { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times) };
  }

  // The browser under the cheap-laptop profile, with an empty cache each run, signed in beforehand.
  const context = await stack.context();
  await signIn(await context.newPage(), 'canbo.xa');
  const dashboard = [];
  const messages = [];
  for (let i = 0; i < RUNS; i++) {
    dashboard.push(await throttledLoad(context, '/', dashboardReady));
    messages.push(await throttledLoad(context, '/messages', messageListReady));
  }
  const gzipOf = (paths: string[]) =>
    paths.reduce((sum, p) => {
      try {
        return sum + statSync(join('dist/console', `${p}.gz`)).size;
      } catch {
        return sum + statSync(join('dist/console', p)).size;
      }
    }, 0);
  const first = dashboard[0];
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg() },
    profile: { cpuSlowdown: CPU_SLOWDOWN, network: FAST_3G },
    initialScripts: first.scripts,
    initialJsGzipBytes: gzipOf(first.scripts),
    dashboard: { ms: dashboard.map((d) => d.ms), wireBytes: first.bytes },
    messageList: { ms: messages.map((d) => d.ms), wireBytes: messages[0].bytes },
    server,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/console.json', JSON.stringify(result, null, 2));
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await stack.stop();
}
