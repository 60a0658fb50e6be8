import { Injectable } from '@nestjs/common';
import {
  ConflictError,
  ForbiddenActionError,
  InvalidInputError,
  isWithin,
  NotFoundError,
  PLACEMENT_WINDOW_DAYS,
  type Actor,
  type WindowLoad,
} from '#domain/index.js';
import type { RelayStatus } from '#persistence/entities/relay.entity.js';
import { AuditRepository, TransactionRunner, UnitRepository } from '#persistence/index.js';
import { StationEventsPublisher } from '../station-events.js';
import { noticeAfterCommit } from '#engine/devices/device-events.js';
import { NO_SLOT, StationPlacer } from '../station-placer.js';
import { relayOutcome, type RelayOutcome } from './relay-outcome.js';
import { RelayRepository, type RelayReportRow, type RelayView } from './relay.repository.js';

const DAY_MS = 86_400_000;
export const DEFAULT_RELAY_DEADLINE_HOURS = 24;

export interface RelayAiring {
  slotId: string;
  slotLabel: string;
  airsAt: Date;
  /** Stations of the commune that air it, and how many still have room for the relay. */
  stations: number;
  withRoom: number;
}

export type RelayReportLine = RelayReportRow & { outcome: RelayOutcome };

/**
 * The commune side of relays: the list "Tin từ cấp trên", the airings a relay can go into, placing
 * it (audited, committed before the stations are told), the province's report, and the deadline
 * each province or district sets.
 */
@Injectable()
export class RelaysService {
  constructor(
    private readonly relays: RelayRepository,
    private readonly placer: StationPlacer,
    private readonly transactions: TransactionRunner,
    private readonly units: UnitRepository,
    private readonly audit: AuditRepository,
    private readonly events: StationEventsPublisher,
  ) {}

  list(actor: Actor, filter: { status?: RelayStatus; limit: number; offset: number }) {
    return this.relays.list(actor.unitPath, filter);
  }

  async get(actor: Actor, id: string): Promise<RelayView> {
    const relay = await this.relays.findScoped(id, actor.unitPath);
    if (!relay) throw new NotFoundError('relay');
    return relay;
  }

  /** The airings of the next 7 days the relay could go into, per slot of the commune's stations. */
  async airings(actor: Actor, id: string): Promise<RelayAiring[]> {
    const relay = await this.get(actor, id);
    return this.transactions.run(async (m) => {
      const found = await this.relays.lock(m, id, actor.unitPath, false);
      if (!found) throw new NotFoundError('relay');
      const stations = await this.relays.unplacedStations(m, id, false);
      const from = new Date();
      const windows = await this.placer.airings(m, stations, from, new Date(from.getTime() + PLACEMENT_WINDOW_DAYS * DAY_MS), 'normal', found.timeZone);
      const labels = await this.relays.slotLabels(m, stations.map((s) => s.id));
      const byAiring = new Map<string, RelayAiring>();
      for (const list of windows.values()) {
        for (const w of list) {
          const key = `${w.slotId}|${w.start.getTime()}`;
          const airing = byAiring.get(key) ?? { slotId: w.slotId, slotLabel: labels.get(w.slotId) ?? '', airsAt: w.start, stations: 0, withRoom: 0 };
          airing.stations += 1;
          if (hasRoom(w, relay.durationMs)) airing.withRoom += 1;
          byAiring.set(key, airing);
        }
      }
      return [...byAiring.values()].sort((a, b) => a.airsAt.getTime() - b.airsAt.getTime() || a.slotLabel.localeCompare(b.slotLabel));
    });
  }

  /**
   * The officer's choice: the stations that air the slot get the relay in that airing; the commune's
   * other stations get it in their first airing with room from then on (none: 'no-slot').
   */
  async place(actor: Actor, id: string, choice: { slotId: string; airsAt: Date }): Promise<RelayView> {
    const { stationIds, relay } = await this.transactions.run(async (m) => {
      const relay = await this.relays.lock(m, id, actor.unitPath);
      if (!relay) throw new NotFoundError('relay');
      if (relay.status !== 'waiting') throw new ConflictError('relay.placed', 'Tin này đã được xếp vào chương trình phát');
      if (choice.airsAt.getTime() <= Date.now()) {
        throw new InvalidInputError([{ field: 'airsAt', rule: 'future', message: 'Buổi phát đã bắt đầu hoặc đã qua; chọn một buổi phát sắp tới' }]);
      }
      const stations = await this.relays.unplacedStations(m, id);
      const windows = await this.placer.airings(m, stations, choice.airsAt, choice.airsAt, 'normal', relay.timeZone);
      const chosen = stations.flatMap((s) => (windows.get(s.id) ?? []).filter((w) => w.slotId === choice.slotId).map((w) => ({ station: s, window: w })));
      if (chosen.length === 0) {
        const ownsSlot = (await this.relays.slotLabels(m, stations.map((s) => s.id))).has(choice.slotId);
        throw new InvalidInputError([
          ownsSlot
            ? { field: 'airsAt', rule: 'airing', message: 'Khung giờ không có buổi phát vào thời điểm này (hoặc buổi phát rơi vào giờ nghỉ)' }
            : { field: 'slotId', rule: 'slot', message: 'Khung giờ không thuộc đài truyền thanh nào của xã nhận tin' },
        ]);
      }
      const full = chosen.find((c) => !hasRoom(c.window, relay.durationMs));
      if (full) throw new ConflictError('relay.full', 'Buổi phát đã kín chỗ, không đủ thời lượng cho tin này; chọn buổi phát khác');
      const inChosen = new Set(chosen.map((c) => c.station.id));
      const others = await this.placer.place(
        m,
        stations.filter((s) => !inChosen.has(s.id)),
        { priority: 'normal', durationMs: relay.durationMs, dueAt: choice.airsAt, timeZone: relay.timeZone },
      );
      const placements = [...chosen.map((c) => ({ stationId: c.station.id, slotId: choice.slotId, airsAt: choice.airsAt })), ...others];
      await this.relays.writePlacement(m, id, placements, { status: 'placed', placedBy: actor.userId, slotId: choice.slotId, airsAt: choice.airsAt, noSlotMessage: NO_SLOT });
      await this.audit.append(
        {
          actorId: actor.userId,
          unitId: relay.unitId,
          unitPath: relay.unitPath,
          entityType: 'broadcast',
          entityId: relay.broadcastId,
          action: 'relay-place',
          data: { relayId: id, occurrenceId: relay.occurrenceId, slotId: choice.slotId, airsAt: choice.airsAt.toISOString(), stations: placements.length },
        },
        m,
      );
      return { relay, stationIds: placements.filter((p) => p.airsAt).map((p) => p.stationId) };
    });
    await noticeAfterCommit({ relayId: id, change: 'relay-place' }, () =>
      this.events.publish({ kind: 'playlist', stationIds, occurrenceId: relay.occurrenceId, at: new Date().toISOString() }),
    );
    return this.get(actor, id);
  }

  /** Per commune (and occurrence) of a province's or district's broadcast: placed by whom, played, missed. */
  async report(actor: Actor, broadcastId: string): Promise<RelayReportLine[]> {
    if (!(await this.relays.broadcastInScope(broadcastId, actor.unitPath))) throw new NotFoundError('broadcast');
    const now = new Date();
    return (await this.relays.report(broadcastId)).map((row) => ({ ...row, outcome: relayOutcome(row, now) }));
  }

  async setting(actor: Actor, unitId: string): Promise<{ unitId: string; deadlineHours: number; own: boolean }> {
    const unit = await this.units.findRef(unitId);
    if (!unit || !isWithin(unit.path, actor.unitPath)) throw new NotFoundError('unit');
    const own = await this.relays.setting(unitId);
    return { unitId, deadlineHours: own ?? DEFAULT_RELAY_DEADLINE_HOURS, own: own !== null };
  }

  /** The deadline of a province's or district's relays, set by its supervisors or admins. */
  async saveSetting(actor: Actor, unitId: string, deadlineHours: number): Promise<{ unitId: string; deadlineHours: number; own: boolean }> {
    if (actor.role === 'officer') throw new ForbiddenActionError('relay.setting-role', 'Chỉ lãnh đạo hoặc quản trị viên mới được đặt hạn xếp lịch tin từ cấp trên');
    const unit = await this.units.findRef(unitId);
    if (!unit || !isWithin(unit.path, actor.unitPath)) throw new NotFoundError('unit');
    if (unit.level !== 'province' && unit.level !== 'district') {
      throw new InvalidInputError([{ field: 'unitId', rule: 'upper-level', message: 'Chỉ tỉnh hoặc huyện đặt hạn xếp lịch cho tin gửi xuống xã' }]);
    }
    await this.transactions.run(async (m) => {
      await this.relays.saveSetting(m, unitId, deadlineHours, actor.userId);
      await this.audit.append({ actorId: actor.userId, unitId, unitPath: unit.path, entityType: 'unit', entityId: unitId, action: 'relay-deadline', data: { deadlineHours } }, m);
    });
    return { unitId, deadlineHours, own: true };
  }
}

function hasRoom(w: WindowLoad, durationMs: number): boolean {
  return w.usedMs + durationMs <= w.capacityMs;
}
