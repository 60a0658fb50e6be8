import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import {
  expandSlots,
  isInQuietHours,
  placeItem,
  PLACEMENT_WINDOW_DAYS,
  type Placement,
  type WindowLoad,
} from '#domain/index.js';
import { ChannelPolicyRepository, type BroadcastRow } from '#persistence/index.js';
import { StationPlaylistRepository, type StationPlacement } from './repositories/station-playlist.repository.js';
import type { ChannelPlanner, PlanContext, PlannedChannel } from '#engine/channel-definition.js';
import { LoudspeakerAudioService } from './loudspeaker-audio.service.js';
import { StationEventsPublisher } from './station-events.js';

const DAY_MS = 86_400_000;
const NO_SLOT = 'Không còn khung giờ phát nào đủ chỗ trong 7 ngày tới: cần thêm khung giờ hoặc rút ngắn âm thanh';

/**
 * Loudspeakers: one delivery per targeted station, placed into that station's weekly slots by the
 * pure placement rules (emergency now, priority ahead of normal, normal in the first airing with
 * room, 'no-slot' flagged). Playlists are read live, so the item is published at commit; the
 * stations are then told through their change stream.
 */
@Injectable()
export class LoudspeakerPlanner implements ChannelPlanner {
  readonly channel = 'loudspeaker';

  constructor(
    private readonly playlists: StationPlaylistRepository,
    private readonly audio: LoudspeakerAudioService,
    private readonly policies: ChannelPolicyRepository,
    private readonly events: StationEventsPublisher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async plan(ctx: PlanContext): Promise<PlannedChannel> {
    const dueAt = ctx.occurrence.dueAt;
    const empty = { channel: this.channel, deliveries: 0, batches: 0, wakeAt: dueAt };
    const stations = await this.playlists.targetStations(ctx.manager, ctx.targetPaths, ctx.broadcast.targets.villageIds);
    if (stations.length === 0) return empty;
    // Outside the planning transaction: the audio row is a cache that must survive a rollback.
    const audio = await this.audio.ensureFor(ctx.version, ctx.broadcast.messageId);
    // Scheduling refuses a message whose audio is not ready, but a recurring broadcast may reach a
    // newly approved version first: its audio is now being prepared, and throwing lets the
    // occurrence job retry (with backoff) once it is ready.
    if (!audio || audio.status !== 'ready' || !audio.durationMs) throw new Error(`loudspeaker audio of broadcast ${ctx.broadcast.id} is not ready`);

    const priority = ctx.broadcast.priority;
    const windowEnd = new Date(dueAt.getTime() + PLACEMENT_WINDOW_DAYS * DAY_MS);
    const ids = stations.map((s) => s.id);
    const quiet = priority === 'emergency' ? null : (await this.policies.get('loudspeaker')).quietHours;
    const expandUntil = new Date(windowEnd.getTime() + 1);
    const slots = await this.playlists.slotsOfStations(ctx.manager, ids);
    const loads = await this.playlists.loads(ctx.manager, ids, dueAt, expandUntil);
    const slotsOf = new Map<string, typeof slots>();
    for (const slot of slots) {
      const own = slotsOf.get(slot.forStation);
      if (own) own.push(slot);
      else slotsOf.set(slot.forStation, [slot]);
    }
    const loadOf = new Map(loads.map((l) => [airingKey(l.stationId, l.slotId, l.airsAt), l]));
    const placements: StationPlacement[] = stations.map((station) => {
      const timeZone = station.timeZone ?? ctx.broadcast.timeZone ?? this.config.defaultTimeZone;
      const windows: WindowLoad[] = expandSlots(slotsOf.get(station.id) ?? [], dueAt, expandUntil, timeZone)
        .filter((w) => !quiet || !isInQuietHours(w.start, quiet, timeZone))
        .map((w) => {
          const load = loadOf.get(airingKey(station.id, w.slotId, w.start));
          return { ...w, usedMs: load?.usedMs ?? 0, priorityUsedMs: load?.priorityUsedMs ?? 0 };
        });
      const placement: Placement = placeItem({ priority, durationMs: audio.durationMs as number, dueAt, windowEnd }, windows);
      if (placement.kind === 'now') return { stationId: station.id, slotId: null, airsAt: placement.at };
      if (placement.kind === 'slot') return { stationId: station.id, slotId: placement.slotId, airsAt: placement.start };
      return { stationId: station.id, slotId: null, airsAt: null };
    });
    await this.playlists.insertPlaced(ctx.manager, {
      occurrenceId: ctx.occurrence.id,
      broadcastId: ctx.broadcast.id,
      dueAt,
      audioId: audio.id,
      durationMs: audio.durationMs,
      priority,
      title: ctx.version.title,
      contentGroup: ctx.version.contentGroup,
      noSlotMessage: NO_SLOT,
      placements,
    });
    return { channel: this.channel, deliveries: stations.length, batches: 0, wakeAt: dueAt };
  }

  /** No queue work: the stations pull. They are told at once, and an emergency says so. */
  async enqueue(occurrenceId: string, broadcast: BroadcastRow, planned: PlannedChannel): Promise<void> {
    if (planned.deliveries === 0) return;
    const stationIds = await this.playlists.stationsWithItems(occurrenceId);
    await this.events.publish({
      kind: broadcast.priority === 'emergency' ? 'emergency' : 'playlist',
      stationIds,
      occurrenceId,
      at: new Date().toISOString(),
    });
  }
}

function airingKey(stationId: string, slotId: string, airsAt: Date): string {
  return `${stationId}|${slotId}|${airsAt.getTime()}`;
}
