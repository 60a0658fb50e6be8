import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { expandSlots, isInQuietHours, placeItem, PLACEMENT_WINDOW_DAYS, type Priority, type WindowLoad } from '#domain/index.js';
import { ChannelPolicyRepository } from '#persistence/index.js';
import { StationPlaylistRepository, type StationPlacement } from './repositories/station-playlist.repository.js';

const DAY_MS = 86_400_000;

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
    const ids = stations.map((s) => s.id);
    const quiet = priority === 'emergency' ? null : (await this.policies.get('loudspeaker')).quietHours;
    const until = new Date(to.getTime() + 1);
    const slots = await this.playlists.slotsOfStations(m, ids);
    const loads = await this.playlists.loads(m, ids, from, until);
    const loadOf = new Map(loads.map((l) => [airingKey(l.stationId, l.slotId, l.airsAt), l]));
    const slotsOf = new Map<string, typeof slots>();
    for (const slot of slots) slotsOf.set(slot.forStation, [...(slotsOf.get(slot.forStation) ?? []), slot]);
    const result = new Map<string, WindowLoad[]>();
    for (const station of stations) {
      const timeZone = station.timeZone ?? fallbackTimeZone ?? this.config.defaultTimeZone;
      result.set(
        station.id,
        expandSlots(slotsOf.get(station.id) ?? [], from, until, timeZone)
          .filter((w) => !quiet || !isInQuietHours(w.start, quiet, timeZone))
          .map((w) => {
            const load = loadOf.get(airingKey(station.id, w.slotId, w.start));
            return { ...w, usedMs: load?.usedMs ?? 0, priorityUsedMs: load?.priorityUsedMs ?? 0 };
          }),
      );
    }
    return result;
  }

  /** Where each station's copy goes: now (emergency), the first airing with room, or nowhere (airsAt null). */
  async place(m: EntityManager, stations: PlacedStation[], item: ItemToPlace): Promise<StationPlacement[]> {
    if (stations.length === 0) return [];
    const windowEnd = new Date(item.dueAt.getTime() + PLACEMENT_WINDOW_DAYS * DAY_MS);
    const airings = item.priority === 'emergency' ? new Map<string, WindowLoad[]>() : await this.airings(m, stations, item.dueAt, windowEnd, item.priority, item.timeZone);
    return stations.map((station) => {
      const placement = placeItem({ priority: item.priority, durationMs: item.durationMs, dueAt: item.dueAt, windowEnd }, airings.get(station.id) ?? []);
      if (placement.kind === 'now') return { stationId: station.id, slotId: null, airsAt: placement.at };
      if (placement.kind === 'slot') return { stationId: station.id, slotId: placement.slotId, airsAt: placement.start };
      return { stationId: station.id, slotId: null, airsAt: null };
    });
  }
}

function airingKey(stationId: string, slotId: string, airsAt: Date): string {
  return `${stationId}|${slotId}|${airsAt.getTime()}`;
}
