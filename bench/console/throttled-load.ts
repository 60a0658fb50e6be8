import type { BrowserContext, CDPSession, Page } from 'playwright-core';

/** Chrome DevTools' "Fast 3G" preset and 4× CPU slowdown: a cheap laptop on a mountain commune's 4G. */
export const FAST_3G = { latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024) / 8 * 0.9, uploadThroughput: (750 * 1024) / 8 * 0.9 };
export const CPU_SLOWDOWN = 4;

export interface LoadFigures {
  ms: number;
  /** Bytes on the wire (compressed as sent) by resource type, until the screen was ready. */
  bytes: Record<string, number>;
  scripts: string[];
}

async function throttle(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...FAST_3G });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return cdp;
}

/**
 * Opens `path` in a fresh page of a signed-in context under the throttling profile, with an empty
 * cache, and measures the time until `ready` resolves and the bytes received by then.
 */
export async function throttledLoad(context: BrowserContext, path: string, ready: (page: Page) => Promise<void>): Promise<LoadFigures> {
  const page = await context.newPage();
  const cdp = await throttle(page);
  const types = new Map<string, string>();
  const urls = new Map<string, string>();
  const bytes: Record<string, number> = {};
  const scripts: string[] = [];
  let counting = true;
  cdp.on('Network.responseReceived', (e) => {
    types.set(e.requestId, e.type);
    urls.set(e.requestId, e.response.url);
  });
  cdp.on('Network.loadingFinished', (e) => {
    if (!counting) return;
    const type = types.get(e.requestId) ?? 'Other';
    bytes[type] = (bytes[type] ?? 0) + e.encodedDataLength;
    if (type === 'Script') scripts.push(new URL(urls.get(e.requestId) ?? 'http://x/').pathname);
  });
  const started = Date.now();
  await page.goto(path, { waitUntil: 'commit' });
  await ready(page);
  const ms = Date.now() - started;
  counting = false;
  await page.close();
  return { ms, bytes, scripts };
}
