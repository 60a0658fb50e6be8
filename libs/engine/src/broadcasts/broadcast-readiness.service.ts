import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { InvalidInputError, isWithin, NotFoundError, type Actor, type Channel } from '#domain/index.js';
import { MessageContentRepository, UnitRepository, type BroadcastTargets, type VersionContent } from '#persistence/index.js';
import { CHANNEL_DEFINITIONS, type BroadcastDraft, type ChannelDefinition } from '../channel-definition.js';
import { BroadcastValidator } from './broadcast-validator.js';

export interface ChannelReadiness {
  channel: Channel;
  ready: boolean;
  /** Vietnamese reasons the channel cannot be used yet; empty when ready. */
  reasons: string[];
}

/**
 * Whether each channel can carry the message to the targets now, in the channel's own words (its
 * rendition, the loudspeaker audio — asking for it starts making it —, a provider or a connected
 * account, endpoints to reach). For the wizard's channel step; writes nothing else.
 */
@Injectable()
export class BroadcastReadinessService {
  constructor(
    private readonly messages: MessageContentRepository,
    private readonly units: UnitRepository,
    private readonly validator: BroadcastValidator,
    @Inject(CHANNEL_DEFINITIONS) private readonly channels: ChannelDefinition[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async readiness(actor: Actor, messageId: string, targets: BroadcastTargets): Promise<ChannelReadiness[]> {
    const message = await this.messages.state(messageId);
    if (!message || !isWithin(message.unitPath, actor.unitPath)) throw new NotFoundError('message');
    const version = (await this.messages.version(message.id, message.approvedVersion ?? message.currentVersion)) as VersionContent;
    const { targetUnits, problems } = await this.validator.resolveTargets(actor, targets);
    if (problems.length) throw new InvalidInputError(problems);
    const draft: BroadcastDraft = {
      message,
      version,
      priority: version.priority,
      timeZone: (await this.units.findRef(message.unitId))?.timeZone ?? this.config.defaultTimeZone,
      targets: { paths: targetUnits.map((u) => u.path), villageIds: targets.villageIds, tags: targets.tags },
      sms: { withoutDiacritics: false, maxParts: this.config.sms.defaultMaxParts },
    };
    const out: ChannelReadiness[] = [];
    for (const channel of this.channels) {
      const reasons = await channel.readiness(draft);
      out.push({ channel: channel.code, ready: reasons.length === 0, reasons });
    }
    return out;
  }
}
