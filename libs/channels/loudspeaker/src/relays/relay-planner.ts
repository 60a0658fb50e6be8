import { Injectable } from '@nestjs/common';
import type { PlanContext } from '#engine/channel-definition.js';
import type { PlacedStation } from '../station-placer.js';
import { RelayRepository } from './relay.repository.js';

const HOUR_MS = 3_600_000;

/**
 * Thông tư 39/2020/TT-BTTTT relays: a normal bulletin of a province or district is not placed into
 * its communes' programmes directly. Each commune station gets a planned delivery without a playlist
 * item, and each commune a waiting relay, until its officer places it or the deadline passes.
 * Priority and emergency bulletins keep their placement (ahead within the next airing, or now).
 */
@Injectable()
export class RelayPlanner {
  constructor(private readonly relays: RelayRepository) {}

  /** Writes the relays this occurrence needs and answers the stations still to be placed now. */
  async divert(ctx: PlanContext, stations: PlacedStation[], audio: { id: string; durationMs: number }): Promise<PlacedStation[]> {
    if (ctx.broadcast.priority !== 'normal') return stations;
    const upper = await this.relays.upperUnit(ctx.manager, ctx.broadcast.unitId);
    if (!upper) return stations;
    const below = await this.relays.stationsBelow(ctx.manager, stations.map((s) => s.id), upper.path);
    if (below.length === 0) return stations;
    const hours = await this.relays.deadlineHours(ctx.manager, ctx.broadcast.id, upper.path);
    const dueAt = ctx.occurrence.dueAt;
    await this.relays.insertWaiting(ctx.manager, {
      occurrenceId: ctx.occurrence.id,
      broadcastId: ctx.broadcast.id,
      dueAt,
      deadlineAt: new Date(dueAt.getTime() + hours * HOUR_MS),
      audioId: audio.id,
      durationMs: audio.durationMs,
      title: ctx.version.title,
      contentGroup: ctx.version.contentGroup,
      stations: below,
    });
    const relayed = new Set(below.map((s) => s.stationId));
    return stations.filter((s) => !relayed.has(s.id));
  }
}
