import http from 'node:http';
import type { FigureTable } from './plain-group-by.js';

export interface Timing {
  coldMs: number;
  medianMs: number;
  p95Ms: number;
  runs: number;
  /** Set when the first request did not answer within the timeout: the figures are then lower bounds. */
  timedOut?: boolean;
}

export class RequestTimeout extends Error {}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** A GET with no client-side timeout (fetch gives up after 300 s without headers; a slow report must still be timed). */
function getOnce(url: string, token: string, timeoutMs: number): Promise<{ ms: number; body: unknown }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { Authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const ms = performance.now() - started;
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) reject(new Error(`GET ${url}: ${res.statusCode} ${text}`));
        else resolve({ ms, body: JSON.parse(text) });
      });
    });
    req.setTimeout(timeoutMs, () => req.destroy(new RequestTimeout(`GET ${url}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/**
 * The first request (cold: the API's first use of these queries) and up to `runs` more, one at a
 * time, stopping early (after at least one) once the warm runs have taken `budgetMs`.
 */
export async function timeGet(
  url: string,
  token: string,
  o: { runs: number; budgetMs: number; timeoutMs: number; onTimeout: () => Promise<void> },
  log: (line: string) => void,
): Promise<{ timing: Timing; body: unknown }> {
  const { runs, budgetMs, timeoutMs } = o;
  let cold: { ms: number; body: unknown };
  try {
    cold = await getOnce(url, token, timeoutMs);
  } catch (error) {
    if (!(error instanceof RequestTimeout)) throw error;
    log(`  ${error.message}; its query cancelled`);
    await o.onTimeout();
    return { timing: { coldMs: timeoutMs, medianMs: timeoutMs, p95Ms: timeoutMs, runs: 0, timedOut: true }, body: null };
  }
  log(`  GET ${new URL(url).pathname}${new URL(url).search}: cold ${Math.round(cold.ms)} ms`);
  const times: number[] = [];
  let body = cold.body;
  while (times.length < runs && (times.length === 0 || times.reduce((a, b) => a + b, 0) < budgetMs)) {
    const r = await getOnce(url, token, timeoutMs).catch(async (error: unknown) => {
      if (!(error instanceof RequestTimeout)) throw error;
      await o.onTimeout();
      return { ms: timeoutMs, body };
    });
    times.push(r.ms);
    log(`    warm run ${times.length}: ${Math.round(r.ms)} ms`);
    body = r.body;
  }
  return { timing: { coldMs: cold.ms, medianMs: percentile(times, 50), p95Ms: percentile(times, 95), runs: times.length }, body };
}

interface Row {
  key: string | null;
  figures: Record<string, number | null>;
}

/** A breakdown's rows as a figure table (null figures, such as citizensReached by content group, left out). */
export function breakdownTable(body: unknown): FigureTable {
  if (body === null) return new Map();
  const rows = (body as { rows: Row[] }).rows;
  return new Map(
    rows.map((r) => [r.key ?? '', Object.fromEntries(Object.entries(r.figures).filter(([, v]) => v !== null)) as Record<string, number>]),
  );
}
