import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { StationPlaylistRepository } from './repositories/station-playlist.repository.js';

/** How long a listed item may wait before its delivery reads 'sent'. */
export const SENT_MARKS_FLUSH_MS = 2_000;

/**
 * Items listed to devices become 'sent' in batches, not by an UPDATE in every pull: an api process
 * gathers them (with the moment each was listed) and writes them every SENT_MARKS_FLUSH_MS in one
 * statement, and once more when it shuts down. A failed write keeps the items for the next round.
 */
@Injectable()
export class StationSentMarks implements BeforeApplicationShutdown {
  private readonly logger = new Logger(StationSentMarks.name);
  private pending = new Map<string, Date>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly playlists: StationPlaylistRepository) {}

  add(itemIds: readonly string[], at: Date): void {
    for (const id of itemIds) if (!this.pending.has(id)) this.pending.set(id, at);
    if (this.pending.size > 0 && !this.timer) {
      this.timer = setTimeout(() => void this.flush(), SENT_MARKS_FLUSH_MS);
      this.timer.unref();
    }
  }

  /** Writes what is pending now; concurrent calls run one after the other. */
  flush(): Promise<void> {
    this.running = this.running.then(() => this.write());
    return this.running;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private async write(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    if (batch.size === 0) return;
    this.pending = new Map();
    try {
      await this.playlists.markSent([...batch].map(([itemId, at]) => ({ itemId, at })));
    } catch (error) {
      this.logger.warn(`could not mark ${batch.size} items sent, will retry: ${error instanceof Error ? error.message : String(error)}`);
      for (const [id, at] of batch) if (!this.pending.has(id)) this.pending.set(id, at);
      this.add([], new Date());
    }
  }
}
