import { Inject, Injectable } from '@nestjs/common';
import { InvalidInputError, isWithin, NotFoundError, type Actor } from '#domain/index.js';
import {
  ChannelAccountRepository,
  DeliveryRepository,
  MessageContentRepository,
  type BroadcastTargets,
  type VersionContent,
} from '#persistence/index.js';
import { BoardRepository } from '#board/board.repository.js';
import { StationPlaylistRepository } from '#loudspeaker/repositories/station-playlist.repository.js';
import type { SmsProvider } from '#sms/sms-provider.js';
import { SMS_PROVIDER } from '#sms/sms-provider.factory.js';
import { LoudspeakerAudioService } from '#loudspeaker/loudspeaker-audio.service.js';
import { loudspeakerAudioProblems } from '#loudspeaker/loudspeaker-audio-rules.js';
import { SUPPORTED_CHANNELS } from './broadcast-request.js';
import { BroadcastValidator } from './broadcast-validator.js';
import { CHANNEL_LABELS } from './preview-warnings.js';

export interface ChannelReadiness {
  channel: (typeof SUPPORTED_CHANNELS)[number];
  ready: boolean;
  /** Vietnamese reasons the channel cannot be used yet; empty when ready. */
  reasons: string[];
}

interface Targets {
  paths: string[];
  villageIds: string[];
  tags: string[];
}

/**
 * Whether each channel can carry the message to the targets now: its rendition, the loudspeaker
 * audio (asking for it starts making it), an SMS provider or a connected account, and stations,
 * boards or subscribers to reach. For the wizard's channel step; writes nothing else.
 */
@Injectable()
export class BroadcastReadinessService {
  constructor(
    private readonly messages: MessageContentRepository,
    private readonly validator: BroadcastValidator,
    private readonly deliveries: DeliveryRepository,
    private readonly boards: BoardRepository,
    private readonly stationPlaylists: StationPlaylistRepository,
    private readonly accounts: ChannelAccountRepository,
    private readonly loudspeakerAudio: LoudspeakerAudioService,
    @Inject(SMS_PROVIDER) private readonly smsProvider: SmsProvider | null,
  ) {}

  async readiness(actor: Actor, messageId: string, targets: BroadcastTargets): Promise<ChannelReadiness[]> {
    const message = await this.messages.state(messageId);
    if (!message || !isWithin(message.unitPath, actor.unitPath)) throw new NotFoundError('message');
    const version = (await this.messages.version(message.id, message.approvedVersion ?? message.currentVersion)) as VersionContent;
    const { targetUnits, problems } = await this.validator.resolveTargets(actor, targets);
    if (problems.length) throw new InvalidInputError(problems);
    const t: Targets = { paths: targetUnits.map((u) => u.path), villageIds: targets.villageIds, tags: targets.tags };
    const out: ChannelReadiness[] = [];
    for (const channel of SUPPORTED_CHANNELS) {
      const reasons = await this.reasons(channel, version, message.unitId, t);
      out.push({ channel, ready: reasons.length === 0, reasons });
    }
    return out;
  }

  private async reasons(channel: ChannelReadiness['channel'], version: VersionContent, unitId: string, t: Targets): Promise<string[]> {
    const reasons: string[] = [];
    switch (channel) {
      case 'sms':
        if (!version.renditions.sms) reasons.push('Tin bài chưa có nội dung SMS');
        if (!this.smsProvider) reasons.push('Kênh SMS đang tắt: chưa cấu hình nhà cung cấp SMS');
        if ((await this.deliveries.countSmsRecipients({ targetPaths: t.paths, villageIds: t.villageIds, tags: t.tags })) === 0) {
          reasons.push('Không có người nhận tin SMS nào trong các đơn vị, thôn và nhóm đã chọn');
        }
        break;
      case 'loudspeaker':
        reasons.push(...loudspeakerAudioProblems(await this.loudspeakerAudio.ensureFor(version), channel).map((p) => p.message));
        if ((await this.stationPlaylists.countTargetStations(t.paths, t.villageIds)) === 0) reasons.push('Không có cụm loa nào trong các đơn vị, thôn đã chọn');
        break;
      case 'board':
        if (!version.renditions.board) reasons.push('Tin bài chưa có trang trình chiếu cho bảng tin');
        if ((await this.boards.countTargets(t.paths, t.villageIds)) === 0) reasons.push('Không có bảng tin điện tử nào trong các đơn vị, thôn đã chọn');
        break;
      case 'zalo':
      case 'facebook': {
        const { active, needsReconnect } = await this.accounts.statusCounts(unitId, channel);
        if (active === 0) {
          reasons.push(
            needsReconnect > 0
              ? `Tài khoản ${CHANNEL_LABELS[channel]} của đơn vị cần kết nối lại`
              : `Đơn vị của tin bài chưa có tài khoản ${CHANNEL_LABELS[channel]} đang hoạt động`,
          );
        }
        break;
      }
    }
    return reasons;
  }
}
