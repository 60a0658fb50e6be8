import { Injectable } from '@nestjs/common';
import type { FieldProblem } from '#domain/index.js';
import { ChannelPolicyRepository, type BroadcastRow, type VersionContent } from '#persistence/index.js';
import type { BroadcastDraft, ChannelDefinition, ChannelPreview, ContentContext, PlanContext, PlannedChannel } from '#engine/channel-definition.js';
import { LoudspeakerAudioService } from './loudspeaker-audio.service.js';
import { loudspeakerAudioProblems } from './loudspeaker-audio-rules.js';
import { LoudspeakerPlanner } from './loudspeaker-planner.js';
import { LOUDSPEAKER_NOBODY, loudspeakerWarnings } from './loudspeaker-preview.js';
import { StationPlaylistRepository } from './repositories/station-playlist.repository.js';
import { StationAudioRepository } from './repositories/station-audio.repository.js';
import { StationEventsPublisher } from './station-events.js';
import { JOBS, JobQueue, jobPriority } from '#queue/index.js';


/** Loudspeaker stations of the targets: the bulletin's audio placed into their programme; the stations pull it. */
@Injectable()
export class LoudspeakerChannel implements ChannelDefinition {
  readonly code = 'loudspeaker' as const;
  readonly label = 'Loa truyền thanh';

  constructor(
    private readonly planner: LoudspeakerPlanner,
    private readonly audio: LoudspeakerAudioService,
    private readonly playlists: StationPlaylistRepository,
    private readonly policies: ChannelPolicyRepository,
    private readonly events: StationEventsPublisher,
    private readonly audioRows: StationAudioRepository,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * An emergency does not wait for its speech: its render job runs ahead of other audio work and the
   * occurrence planner retries until the audio is ready; only a missing script or audio refuses it.
   */
  async validate(draft: BroadcastDraft, field: string): Promise<FieldProblem[]> {
    const audio = await this.audio.ensureFor(draft.version, draft.message.id);
    if (audio && draft.priority === 'emergency') return [];
    return loudspeakerAudioProblems(audio, field);
  }

  async readiness(draft: BroadcastDraft): Promise<string[]> {
    const reasons = (await this.validate(draft, this.code)).map((p) => p.message);
    if ((await this.countRecipients(draft)) === 0) reasons.push(LOUDSPEAKER_NOBODY);
    return reasons;
  }

  countRecipients(draft: BroadcastDraft): Promise<number> {
    return this.playlists.countTargetStations(draft.targets.paths, draft.targets.villageIds);
  }

  async preview(draft: BroadcastDraft, due: Date[], recipients: number): Promise<ChannelPreview> {
    const quietHours = (await this.policies.get('loudspeaker')).quietHours;
    const stationsWithoutSlots = recipients ? await this.playlists.countTargetStationsWithoutSlots(draft.targets.paths, draft.targets.villageIds) : 0;
    return { warnings: loudspeakerWarnings({ priority: draft.priority, timeZone: draft.timeZone, occurrences: due, stations: recipients, quietHours, stationsWithoutSlots }) };
  }

  plan(ctx: PlanContext): Promise<PlannedChannel> {
    return this.planner.plan(ctx);
  }

  contentReady(ctx: ContentContext): Promise<boolean> {
    return this.planner.contentReady(ctx);
  }

  enqueue(occurrenceId: string, broadcast: BroadcastRow, planned: PlannedChannel): Promise<void> {
    return this.planner.enqueue(occurrenceId, broadcast, planned);
  }

  /**
   * The cancelled broadcast's items already left the playlists (a pull lists only live items); the
   * stations that were handed them are told `stop`, naming the items, once per occurrence.
   */
  async withdraw(broadcast: BroadcastRow): Promise<void> {
    // Every station holding one of its items pulls a changed playlist, told or not.
    await this.events.changed(await this.playlists.stationsOfBroadcast(broadcast.id));
    const at = new Date().toISOString();
    for (const [occurrenceId, items] of byOccurrence(await this.playlists.itemsToStop(broadcast.id))) {
      await this.events.publish({ kind: 'stop', stationIds: [...new Set(items.map((i) => i.stationId))], occurrenceId, at, items: items.map(({ stationId, itemId }) => ({ stationId, itemId })) });
    }
  }

  /**
   * An update: the new speech is rendered ahead of other audio work, and a job gives it to the items
   * not played to the end once it is ready (retrying until then), then tells their stations.
   */
  async replace(broadcast: BroadcastRow, version: VersionContent): Promise<void> {
    const audio = await this.audio.ensureFor(version, broadcast.messageId);
    if (!audio) return;
    await this.jobs.add(JOBS.replaceLoudspeakerAudio, {
      payload: { broadcastId: broadcast.id, messageVersion: version.versionNo, audioId: audio.id },
      priority: jobPriority(broadcast.priority),
    });
  }

  /** The replacement job: throws while the speech is not ready, so the job retries with backoff. */
  async applyReplacement(payload: { broadcastId: string; messageVersion: number; audioId: string }): Promise<number> {
    const audio = await this.audioRows.findById(payload.audioId);
    if (!audio || audio.status === 'failed') return 0;
    if (audio.status !== 'ready' || !audio.durationMs) throw new Error(`speech ${payload.audioId} for broadcast ${payload.broadcastId} is not ready yet`);
    const replaced = await this.playlists.replaceAudio(payload.broadcastId, payload.messageVersion, { id: audio.id, durationMs: audio.durationMs });
    const at = new Date().toISOString();
    for (const [occurrenceId, items] of byOccurrence(replaced)) {
      const kind = items[0].priority === 'emergency' ? 'emergency' : 'playlist';
      await this.events.publish({ kind, stationIds: [...new Set(items.map((i) => i.stationId))], occurrenceId, at });
    }
    return replaced.length;
  }
}

function byOccurrence<T extends { occurrenceId: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(row.occurrenceId, [...(groups.get(row.occurrenceId) ?? []), row]);
  return groups;
}
