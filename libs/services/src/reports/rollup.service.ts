import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { smsBody, smsSegments } from '#domain/index.js';
import { ReportRollupRepository, type RollupState } from './report-rollup.repository.js';

const CHUNK = 10_000;
/** Chunks one pass takes at most, so a backlog is worked off over several jobs and none runs for long. */
const MAX_CHUNKS = 20;
const MEASURE_BATCH = 500;

/** Keeps report_daily and report_reach current from the outboxes the triggers write, and rebuilds them from the source rows. */
@Injectable()
export class RollupService {
  constructor(
    private readonly rollup: ReportRollupRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Consumes pending outbox rows, chunk by chunk, each in its own transaction under the rollup lock.
   * Returns how many rows were counted, or null when another process is rolling up.
   */
  async rollUp(options: { chunk?: number; maxChunks?: number } = {}): Promise<number | null> {
    const chunk = options.chunk ?? CHUNK;
    let total = 0;
    for (let i = 0; i < (options.maxChunks ?? MAX_CHUNKS); i += 1) {
      const taken = await this.rollup.tryLocked(async (m) => {
        await this.measure(m, 'outbox');
        return this.rollup.consume(m, chunk, this.config.sms.pricePerPartVnd);
      });
      if (taken === null) return i === 0 ? null : total;
      total += taken.rows;
      if (!taken.full) break;
    }
    return total;
  }

  /** Truncates the rollup and recounts it from deliveries, occurrences and messages, in one transaction. */
  rebuild(): Promise<void> {
    return this.rollup.locked(async (m) => {
      await this.measure(m, 'deliveries');
      await this.rollup.rebuild(m, this.config.sms.pricePerPartVnd);
    });
  }

  state(): Promise<RollupState> {
    return this.rollup.state();
  }

  /** SMS parts are measured on the exact text sent (smsBody), once per occurrence. */
  private async measure(m: EntityManager, from: 'outbox' | 'deliveries'): Promise<void> {
    for (;;) {
      const texts = await this.rollup.unmeasured(m, from, MEASURE_BATCH);
      await this.rollup.saveParts(
        m,
        texts.map((t) => ({ occurrenceId: t.occurrenceId, parts: t.sms ? smsSegments(smsBody(t.sms, t.withoutDiacritics)).parts : 0 })),
      );
      if (texts.length < MEASURE_BATCH) return;
    }
  }
}
