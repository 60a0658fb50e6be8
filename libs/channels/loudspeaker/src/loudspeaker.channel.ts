import { Injectable } from '@nestjs/common';
import type { FieldProblem } from '#domain/index.js';
import { ChannelPolicyRepository, type BroadcastRow } from '#persistence/index.js';
import type { BroadcastDraft, ChannelDefinition, ChannelPreview, PlanContext, PlannedChannel } from '#engine/channel-definition.js';
import { LoudspeakerAudioService } from './loudspeaker-audio.service.js';
import { loudspeakerAudioProblems } from './loudspeaker-audio-rules.js';
import { LoudspeakerPlanner } from './loudspeaker-planner.js';
import { LOUDSPEAKER_NOBODY, loudspeakerWarnings } from './loudspeaker-preview.js';
import { StationPlaylistRepository } from './repositories/station-playlist.repository.js';

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

  enqueue(occurrenceId: string, broadcast: BroadcastRow, planned: PlannedChannel): Promise<void> {
    return this.planner.enqueue(occurrenceId, broadcast, planned);
  }
}
