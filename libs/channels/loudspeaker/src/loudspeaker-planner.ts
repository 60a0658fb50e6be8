import { Injectable } from '@nestjs/common';
import type { BroadcastRow } from '#persistence/index.js';
import { StationPlaylistRepository } from './repositories/station-playlist.repository.js';
import type { ChannelPlanner, ContentContext, PlanContext, PlannedChannel } from '#engine/channel-definition.js';
import { LoudspeakerAudioService } from './loudspeaker-audio.service.js';
import { RelayPlanner } from './relays/relay-planner.js';
import { StationEventsPublisher } from './station-events.js';
import { NO_SLOT, StationPlacer } from './station-placer.js';

/**
 * Loudspeakers: one delivery per targeted station, placed into that station's weekly slots by the
 * pure placement rules (emergency now, priority ahead of normal, normal in the first airing with
 * room, 'no-slot' flagged). A normal bulletin of a province or district goes to its communes'
 * relay lists instead, for their officers to place (relays/). Playlists are read live, so the item
 * is published at commit; the stations are then told through their change stream.
 */
@Injectable()
export class LoudspeakerPlanner implements ChannelPlanner {
  readonly channel = 'loudspeaker';

  constructor(
    private readonly playlists: StationPlaylistRepository,
    private readonly audio: LoudspeakerAudioService,
    private readonly placer: StationPlacer,
    private readonly relays: RelayPlanner,
    private readonly events: StationEventsPublisher,
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
    const placeNow = await this.relays.divert(ctx, stations, { id: audio.id, durationMs: audio.durationMs });
    const placements = await this.placer.place(ctx.manager, placeNow, { priority, durationMs: audio.durationMs, dueAt, timeZone: ctx.broadcast.timeZone });
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

  /** The speech is ready, or no station is reached (nothing to wait for). */
  async contentReady(ctx: ContentContext): Promise<boolean> {
    if ((await this.playlists.countTargetStations(ctx.targetPaths, ctx.broadcast.targets.villageIds)) === 0) return true;
    const audio = await this.audio.ensureFor(ctx.version, ctx.broadcast.messageId);
    return !audio || audio.status === 'ready';
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
