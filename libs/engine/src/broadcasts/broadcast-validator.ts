import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import {
  ForbiddenActionError,
  InvalidInputError,
  NotFoundError,
  assertCanAuthor,
  assertMaxParts,
  isWithin,
  nextOccurrences,
  smsBody,
  validateSchedule,
  type Actor,
  type FieldProblem,
  type SmsSegments,
} from '#domain/index.js';
import {
  MessageContentRepository,
  UnitRepository,
  type BroadcastTargets,
  type MessageState,
  type UnitRef,
  type VersionContent,
} from '#persistence/index.js';
import type { SmsProvider } from '#sms/sms-provider.js';
import { SMS_PROVIDER } from '#sms/sms-provider.factory.js';
import { toDomainSchedule } from '../dispatch/schedule-mapping.js';
import type { BroadcastRequest } from './broadcast-request.js';
import { SUPPORTED_CHANNELS } from './broadcast-request.js';
import { SocialDeliveryRepository } from '#social/repositories/channel-account-delivery.repository.js';
import { LoudspeakerAudioService } from '#loudspeaker/loudspeaker-audio.service.js';
import { loudspeakerAudioProblems } from '#loudspeaker/loudspeaker-audio-rules.js';

export interface ValidatedBroadcast {
  message: MessageState;
  version: VersionContent;
  targetUnits: UnitRef[];
  timeZone: string;
  smsMaxParts: number;
  sms: SmsSegments | null;
  /** The exact SMS text that will be sent (NFC, or transliterated when sent without diacritics). */
  smsText: string | null;
  firstOccurrences: Date[];
}

const RENDITION_OF: Record<string, 'sms' | 'board' | 'loudspeaker'> = { sms: 'sms', board: 'board', loudspeaker: 'loudspeaker' };

/**
 * Everything checked before a broadcast is written or previewed: the message is approved (its
 * current version), targets lie in the caller's subtree, each channel has its rendition and is
 * enabled, the schedule is valid and ends, the SMS fits the allowed parts, emergency is a supervisor's.
 */
@Injectable()
export class BroadcastValidator {
  constructor(
    private readonly messages: MessageContentRepository,
    private readonly units: UnitRepository,
    @Inject(SMS_PROVIDER) private readonly smsProvider: SmsProvider | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly loudspeakerAudio: LoudspeakerAudioService,
    private readonly socialDeliveries: SocialDeliveryRepository,
  ) {}

  async validate(actor: Actor, req: BroadcastRequest): Promise<ValidatedBroadcast> {
    assertCanAuthor(actor);
    const message = await this.messages.state(req.messageId);
    if (!message || !isWithin(message.unitPath, actor.unitPath)) throw new NotFoundError('message');
    if (message.status !== 'approved' || message.approvedVersion !== message.currentVersion) {
      throw new InvalidInputError([
        { field: 'messageId', rule: 'approved', message: 'Chỉ phiên bản đã được duyệt mới được lên lịch phát' },
      ]);
    }
    const version = (await this.messages.version(message.id, message.currentVersion)) as VersionContent;
    if (version.priority === 'emergency' && actor.role !== 'supervisor') {
      throw new ForbiddenActionError('broadcast.emergency-role', 'Chỉ lãnh đạo phụ trách mới được phát tin khẩn cấp');
    }

    const problems: FieldProblem[] = [];
    for (const [i, channel] of req.channels.entries()) {
      if (!(SUPPORTED_CHANNELS as readonly string[]).includes(channel)) {
        problems.push({ field: `channels[${i}]`, rule: 'supported', message: `Kênh "${channel}" chưa được hỗ trợ` });
      } else if (channel === 'loudspeaker') {
        problems.push(...loudspeakerAudioProblems(await this.loudspeakerAudio.ensureFor(version), `channels[${i}]`));
      } else if (channel === 'zalo' || channel === 'facebook') {
        // The social post falls back to title + body, so only an account is needed.
        if ((await this.socialDeliveries.countAccounts(message.unitId, channel)) === 0) {
          problems.push({ field: `channels[${i}]`, rule: 'account', message: `Đơn vị của tin bài chưa có tài khoản ${channel === 'zalo' ? 'Zalo OA' : 'Facebook'} đang hoạt động` });
        }
      } else if (!version.renditions[RENDITION_OF[channel]]) {
        problems.push({ field: `channels[${i}]`, rule: 'rendition', message: `Tin bài chưa có nội dung cho kênh ${channel}` });
      } else if (channel === 'sms' && !this.smsProvider) {
        problems.push({ field: `channels[${i}]`, rule: 'enabled', message: 'Kênh SMS đang tắt: chưa cấu hình nhà cung cấp SMS' });
      }
    }

    const targets = await this.resolveTargets(actor, req.targets);
    const targetUnits = targets.targetUnits;
    problems.push(...targets.problems);

    const owner = await this.units.findRef(message.unitId);
    const timeZone = owner?.timeZone ?? this.config.defaultTimeZone;
    const schedule = toDomainSchedule(req.schedule, timeZone);
    problems.push(...validateSchedule(schedule, 'schedule'));
    if (req.schedule.kind === 'once' && new Date(req.schedule.at).getTime() < Date.now() - 60_000) {
      problems.push({ field: 'schedule.at', rule: 'future', message: 'Thời điểm phát đã qua' });
    }

    const smsMaxParts = req.smsMaxParts ?? this.config.sms.defaultMaxParts;
    let sms: SmsSegments | null = null;
    const smsText = version.renditions.sms ? smsBody(version.renditions.sms, req.smsWithoutDiacritics) : null;
    if (req.channels.includes('sms') && version.renditions.sms) {
      try {
        sms = assertMaxParts(version.renditions.sms, smsMaxParts, req.smsWithoutDiacritics);
      } catch (error) {
        if (error instanceof InvalidInputError) problems.push(...error.details);
        else throw error;
      }
    }
    if (problems.length > 0) throw new InvalidInputError(problems);

    const firstOccurrences = nextOccurrences(schedule, new Date(Date.now() - 60_000), 10);
    if (firstOccurrences.length === 0) {
      throw new InvalidInputError([{ field: 'schedule', rule: 'occurrences', message: 'Lịch phát không có lần phát nào trong tương lai' }]);
    }
    return { message, version, targetUnits, timeZone, smsMaxParts, sms, smsText, firstOccurrences };
  }

  /** The target units, in the caller's subtree, and villages that lie in one of them; each problem names its field. */
  async resolveTargets(actor: Actor, targets: BroadcastTargets): Promise<{ targetUnits: UnitRef[]; problems: FieldProblem[] }> {
    const found = await this.units.findRefs(actor, [...targets.unitIds, ...targets.villageIds]);
    const targetUnits: UnitRef[] = [];
    const problems: FieldProblem[] = [];
    for (const [i, unitId] of targets.unitIds.entries()) {
      const unit = found.get(unitId);
      if (unit) targetUnits.push(unit);
      else problems.push({ field: `targets.unitIds[${i}]`, rule: 'in-scope', message: 'Đơn vị không tồn tại hoặc ngoài phạm vi của bạn' });
    }
    for (const [i, villageId] of targets.villageIds.entries()) {
      const village = found.get(villageId);
      if (!village || village.level !== 'village' || !targetUnits.some((u) => isWithin(village.path, u.path))) {
        problems.push({ field: `targets.villageIds[${i}]`, rule: 'village-of-target', message: 'Thôn/tổ dân phố phải thuộc đơn vị được chọn' });
      }
    }
    return { targetUnits, problems };
  }
}
