import { timingSafeEqual } from 'node:crypto';
import { Registry } from 'prom-client';
import { processRegistry } from './process-metrics.js';

export const EXPOSITION_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/** The exposition text of this process's counters and an app's own scrape-time gauges. */
export async function exposition(own?: Registry): Promise<string> {
  return (own ? Registry.merge([processRegistry, own]) : processRegistry).metrics();
}

/** Whether an Authorization header carries the scrape token (constant time). */
export function scrapeAllowed(authorization: string | undefined, token: string): boolean {
  const given = Buffer.from(authorization?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
