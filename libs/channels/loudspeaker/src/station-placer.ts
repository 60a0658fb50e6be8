import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { expandSlots, isInQuietHours, placeItem, PLACEMENT_WINDOW_DAYS, type Priority, type WindowLoad } from '#domain/index.js';
import { ChannelPolicyRepository } from '#persistence/index.js';
import { StationPlaylistRepository, type AiringLoad, type StationPlacement } from './repositories/station-playlist.repository.js';

const DAY_MS = 86_400_000;
/** Stations placed between two turns of the event loop (a millisecond or so of work: a job due meanwhile starts on time). */
const STATIONS_PER_TURN = 50;

/** lastError of a delivery no airing had room for. */
export const NO_SLOT = 'Không còn khung giờ phát nào đủ chỗ trong 7 ngày tới: cần thêm khung giờ hoặc rút ngắn âm thanh';

export interface PlacedStation {
  id: string;
  timeZone: string | null;
}

export interface ItemToPlace {
  priority: Priority;
  durationMs: number;
  dueAt: Date;
  /** Used for a station whose unit has no time zone of its own. */
  timeZone: string;
}

/**
 * The placement rules (libs/domain placement) applied to stations: their slot airings in a span,
 * what is already placed in each, quiet hours skipped for normal and priority items. Reads inside
 * the caller's transaction, where the stations are locked, so two placements cannot overfill a slot.
 */
@Injectable()
export class StationPlacer {
  constructor(
    private readonly playlists: StationPlaylistRepository,
    private readonly policies: ChannelPolicyRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Each station's airings starting in [from, to] with their load. */
  async airings(m: EntityManager, stations: PlacedStation[], from: Date, to: Date, priority: Priority, fallbackTimeZone: string): Promise<Map<string, WindowLoad[]>> {
    const result = new Map<string, WindowLoad[]>();
    await this.eachStationAirings(m, stations, from, to, priority, fallbackTimeZone, (station, windows) => result.set(station.id, windows));
    return result;
  }

  /**
   * Calls `visit` with each station's airings in [from, to] and their load, a few hundred stations
   * between two turns of the event loop, so a placement over 10,000 stations never holds the worker
   * (its other jobs, its heartbeat) for long.
   */
  private async eachStationAirings(
    m: EntityManager,
    stations: PlacedStation[],
    from: Date,
    to: Date,
    priority: Priority,
    fallbackTimeZone: string,
    visit: (station: PlacedStation, windows: WindowLoad[]) => void,
  ): Promise<void> {
    const ids = stations.map((s) => s.id);
    const quiet = priority === 'emergency' ? null : (await this.policies.get('loudspeaker')).quietHours;
    const until = new Date(to.getTime() + 1);
    const slots = await this.playlists.slotsOfStations(m, ids);
    const loads = await this.playlists.loads(m, ids, from, until);
    // Loads by station, slot and start instant: looked up without building a string key per airing.
    const loadOf = new Map<string, Map<string, Map<number, AiringLoad>>>();
    for (const l of loads) {
      let bySlot = loadOf.get(l.stationId);
      if (!bySlot) loadOf.set(l.stationId, (bySlot = new Map()));
      let byStart = bySlot.get(l.slotId);
      if (!byStart) bySlot.set(l.slotId, (byStart = new Map()));
      byStart.set(l.airsAt.getTime(), l);
    }
    const slotsOf = new Map<string, typeof slots>();
    for (const slot of slots) {
      const list = slotsOf.get(slot.forStation);
      if (list) list.push(slot);
      else slotsOf.set(slot.forStation, [slot]);
    }
    // Stations of a zone share their slot times: whether an airing falls in quiet hours is computed once
    // per zone and start (a zone conversion each), not once per station and airing (70,000 for 10,000
    // stations). The loop allocates one object per airing kept: at 10,000 stations the garbage
    // collector took a quarter of the worker's time.
    const quietByZone = new Map<string, Map<number, boolean>>();
    for (let i = 0; i < stations.length; i++) {
      if (i > 0 && i % STATIONS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
      const station = stations[i];
      const timeZone = station.timeZone ?? fallbackTimeZone ?? this.config.defaultTimeZone;
      let quietAt: Map<number, boolean> | null = null;
      if (quiet) {
        quietAt = quietByZone.get(timeZone) ?? null;
        if (!quietAt) quietByZone.set(timeZone, (quietAt = new Map()));
      }
      const loadsHere = loadOf.get(station.id);
      const windows: WindowLoad[] = [];
      for (const w of expandSlots(slotsOf.get(station.id) ?? [], from, until, timeZone)) {
        const at = w.start.getTime();
        if (quiet && quietAt) {
          let inside = quietAt.get(at);
          if (inside === undefined) quietAt.set(at, (inside = isInQuietHours(w.start, quiet, timeZone)));
          if (inside) continue;
        }
        const load = loadsHere?.get(w.slotId)?.get(at);
        windows.push({ slotId: w.slotId, start: w.start, end: w.end, capacityMs: w.capacityMs, usedMs: load?.usedMs ?? 0, priorityUsedMs: load?.priorityUsedMs ?? 0 });
      }
      visit(station, windows);
    }
  }

  /** Where each station's copy goes: now (emergency), the first airing with room, or nowhere (airsAt null). */
  async place(m: EntityManager, stations: PlacedStation[], item: ItemToPlace): Promise<StationPlacement[]> {
    if (stations.length === 0) return [];
    const windowEnd = new Date(item.dueAt.getTime() + PLACEMENT_WINDOW_DAYS * DAY_MS);
    const placeOne = (station: PlacedStation, windows: WindowLoad[]): StationPlacement => {
      const placement = placeItem({ priority: item.priority, durationMs: item.durationMs, dueAt: item.dueAt, windowEnd }, windows);
      if (placement.kind === 'now') return { stationId: station.id, slotId: null, airsAt: placement.at };
      if (placement.kind === 'slot') return { stationId: station.id, slotId: placement.slotId, airsAt: placement.start };
      return { stationId: station.id, slotId: null, airsAt: null };
    };
    if (item.priority === 'emergency') return stations.map((station) => placeOne(station, []));
    // The earliest airing with room wins, so the first day's airings settle nearly every station; only
    // the stations with no room that day have their whole window expanded (a seventh of the airings to
    // build at 10,000 stations, the same answer as expanding the window for all).
    const firstDayEnd = new Date(Math.min(windowEnd.getTime(), item.dueAt.getTime() + DAY_MS));
    const placed = new Map<string, StationPlacement>();
    const noRoomYet: PlacedStation[] = [];
    await this.eachStationAirings(m, stations, item.dueAt, firstDayEnd, item.priority, item.timeZone, (station, windows) => {
      const placement = placeOne(station, windows);
      if (placement.airsAt || firstDayEnd.getTime() === windowEnd.getTime()) placed.set(station.id, placement);
      else noRoomYet.push(station);
    });
    if (noRoomYet.length > 0) {
      await this.eachStationAirings(m, noRoomYet, item.dueAt, windowEnd, item.priority, item.timeZone, (station, windows) => placed.set(station.id, placeOne(station, windows)));
    }
    return stations.map((station) => placed.get(station.id) as StationPlacement);
  }
}
