import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type CapFeedConfig } from '#config/index.js';
import { DomainError } from '#domain/index.js';
import { readCapFeedIndex } from './cap-atom-index.js';
import { CapImportService, type CapImportOutcome } from './cap-import.service.js';
import { CapMessageRepository } from './cap-message.repository.js';

const FETCH_TIMEOUT_MS = 15_000;
const MAX_BYTES = 1_000_000;

export interface CapFeedPollReport {
  feed: string;
  /** Entries whose key was already stored: not fetched again. */
  known: number;
  received: Partial<Record<CapImportOutcome, number>>;
  refused: { url: string; reason: string }[];
  /** The feed itself could not be read. */
  error?: string;
}

/**
 * Polls the CAP Atom feeds of CAP_FEEDS: each entry not seen before is fetched and received like a
 * push from that feed's unit (trusted or not). An alert refused once is refused again on the next
 * poll, and logged each time; nothing of it is written.
 */
@Injectable()
export class CapFeedPoller {
  private readonly logger = new Logger(CapFeedPoller.name);

  constructor(
    private readonly imports: CapImportService,
    private readonly messages: CapMessageRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async pollAll(): Promise<CapFeedPollReport[]> {
    const reports: CapFeedPollReport[] = [];
    for (const feed of this.config.cap.feeds) reports.push(await this.poll(feed));
    return reports;
  }

  async poll(feed: CapFeedConfig): Promise<CapFeedPollReport> {
    const report: CapFeedPollReport = { feed: feed.url, known: 0, received: {}, refused: [] };
    try {
      const [unit] = await this.messages.unitsByCode([feed.unit]);
      if (!unit) throw new Error(`CAP_FEEDS names unit ${feed.unit.code} (${feed.unit.source}), which is not in the unit tree`);
      const entries = readCapFeedIndex(await fetchText(feed.url), feed.url);
      const known = new Set((await this.messages.findByKeys(entries.flatMap((e) => (e.key ? [e.key] : [])))).map((m) => m.alertKey));
      const source = { kind: 'feed' as const, ref: feed.url, name: new URL(feed.url).host, unit: { id: unit.id, path: unit.path }, trusted: feed.trusted };
      // Oldest first, so an Update finds the Alert it references already received.
      for (const entry of [...entries].reverse()) {
        if (entry.key && known.has(entry.key)) {
          report.known += 1;
          continue;
        }
        try {
          const { outcome } = await this.imports.receive(source, await fetchText(entry.url));
          report.received[outcome] = (report.received[outcome] ?? 0) + 1;
        } catch (error) {
          if (!(error instanceof DomainError) && !(error instanceof FetchError)) throw error;
          report.refused.push({ url: entry.url, reason: error.message });
        }
      }
    } catch (error) {
      report.error = error instanceof Error ? error.message : String(error);
    }
    if (report.error || report.refused.length) this.logger.warn({ report }, 'CAP feed: entries refused or feed unreadable');
    return report;
  }
}

class FetchError extends Error {}

async function fetchText(url: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/atom+xml, application/cap+xml, application/xml' } });
  } catch (error) {
    throw new FetchError(`${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!res.ok) throw new FetchError(`${url}: HTTP ${res.status}`);
  const body = await res.text();
  if (body.length > MAX_BYTES) throw new FetchError(`${url}: longer than ${MAX_BYTES} characters`);
  return body;
}
