import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { smsBody, smsSegments } from '#domain/index.js';
import { ReportRollupRepository, type RollupState } from './report-rollup.repository.js';

const CHUNK = 10_000;
/** Chunks one pass takes at most, so a backlog is worked off over several jobs and none runs for long. */
const MAX_CHUNKS = 20;
const MEASURE_BATCH = 500;
/** Occurrences whose SMS one pass counts at most, and how long a fan-out may stay open before it is counted anyway. */
const SETTLE_BATCH = 20;
const SETTLE_ANYWAY_AFTER = '1 day';

/**
 * Keeps report_daily and the reach tables current: SMS of an occurrence counted from its rows once its
 * fan-out is over, every other change from the outboxes the triggers write; and rebuilds them from the source rows.
 */
@Injectable()
export class RollupService {
  constructor(
    private readonly rollup: ReportRollupRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Counts the SMS of finished fan-outs (settle), then consumes pending outbox rows, chunk by chunk,
   * each in its own transaction under the rollup lock. Returns how many occurrences and outbox rows were
   * counted (0: nothing was waiting), or null when another process is rolling up.
   */
  async rollUp(options: { chunk?: number; maxChunks?: number } = {}): Promise<number | null> {
    const chunk = options.chunk ?? CHUNK;
    const maxChunks = options.maxChunks ?? MAX_CHUNKS;
    let total = 0;
    for (let i = 0; i < maxChunks; i += 1) {
      const settled = await this.settle();
      if (settled === null) return i === 0 ? null : total;
      total += settled;
      if (settled < SETTLE_BATCH) break;
    }
    for (let i = 0; i < maxChunks; i += 1) {
      const taken = await this.rollup.tryLocked(async (m) => {
        await this.measure(m, 'outbox');
        return this.rollup.consume(m, chunk, this.config.sms.pricePerPartVnd);
      });
      if (taken === null) return i === 0 && total === 0 ? null : total;
      total += taken.rows;
      if (!taken.full) break;
    }
    return total;
  }

  /**
   * Counts the SMS of occurrences whose fan-out is over from their delivery rows (the triggers skip them
   * until then), in one transaction under the rollup lock. Returns how many were settled, or null when
   * another process is rolling up.
   */
  settle(): Promise<number | null> {
    return this.rollup.tryLocked(async (m) => {
      const ids = await this.rollup.lockReadyToSettle(m, SETTLE_BATCH, SETTLE_ANYWAY_AFTER);
      await this.measure(m, ids);
      return this.rollup.settle(m, ids, this.config.sms.pricePerPartVnd);
    });
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
  private async measure(m: EntityManager, from: 'outbox' | 'deliveries' | string[]): Promise<void> {
    if (Array.isArray(from) && from.length === 0) return;
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
