import { Injectable, Logger } from '@nestjs/common';
import { AuditRepository, TransactionRunner } from '#persistence/index.js';
import { StationEventsPublisher } from '../station-events.js';
import { NO_SLOT, StationPlacer } from '../station-placer.js';
import { RelayRepository } from './relay.repository.js';

const BATCH = 50;

/**
 * Relays nobody placed by their deadline go into each station's first airing with room from now on.
 * Each relay is placed in one transaction under its row lock (status re-checked there), so a rerun,
 * a crash half-way or a second worker places nothing twice; the stations are told after commit.
 */
@Injectable()
export class RelayAutoPlacer {
  private readonly logger = new Logger(RelayAutoPlacer.name);

  constructor(
    private readonly relays: RelayRepository,
    private readonly placer: StationPlacer,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    private readonly events: StationEventsPublisher,
  ) {}

  /** Places every waiting relay whose deadline is at or before `now`; answers how many. */
  async placeDue(now = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const placed = await this.transactions.run(async (m) => {
        const due = await this.relays.lockDue(m, now, BATCH);
        const told: { occurrenceId: string; stationIds: string[] }[] = [];
        for (const id of due) {
          const relay = await this.relays.lock(m, id, null);
          if (!relay || relay.status !== 'waiting') continue;
          const stations = await this.relays.unplacedStations(m, id);
          const placements = await this.placer.place(m, stations, { priority: 'normal', durationMs: relay.durationMs, dueAt: now, timeZone: relay.timeZone });
          const first = placements.filter((p) => p.airsAt).sort((a, b) => (a.airsAt as Date).getTime() - (b.airsAt as Date).getTime())[0];
          await this.relays.writePlacement(m, id, placements, { status: 'auto-placed', placedBy: null, slotId: first?.slotId ?? null, airsAt: first?.airsAt ?? null, noSlotMessage: NO_SLOT });
          await this.audit.append(
            {
              actorId: null,
              unitId: relay.unitId,
              unitPath: relay.unitPath,
              entityType: 'broadcast',
              entityId: relay.broadcastId,
              action: 'relay-auto-place',
              data: { relayId: id, occurrenceId: relay.occurrenceId, deadlineAt: relay.deadlineAt.toISOString(), slotId: first?.slotId ?? null, airsAt: first?.airsAt?.toISOString() ?? null },
            },
            m,
          );
          told.push({ occurrenceId: relay.occurrenceId, stationIds: placements.filter((p) => p.airsAt).map((p) => p.stationId) });
        }
        return { count: due.length, told };
      });
      for (const t of placed.told) {
        if (t.stationIds.length) await this.events.publish({ kind: 'playlist', stationIds: t.stationIds, occurrenceId: t.occurrenceId, at: new Date().toISOString() });
      }
      total += placed.told.length;
      if (placed.count < BATCH) break;
    }
    if (total) this.logger.log({ relays: total }, 'relays placed after their deadline');
    return total;
  }
}
