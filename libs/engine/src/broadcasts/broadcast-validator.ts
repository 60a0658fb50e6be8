import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import {
  ForbiddenActionError,
  InvalidInputError,
  NotFoundError,
  assertCanAuthor,
  isChannel,
  isWithin,
  nextOccurrences,
  validateSchedule,
  type Actor,
  type FieldProblem,
} from '#domain/index.js';
import {
  MessageContentRepository,
  UnitRepository,
  type BroadcastTargets,
  type MessageState,
  type UnitRef,
  type VersionContent,
} from '#persistence/index.js';
import { CHANNEL_DEFINITIONS, channelOf, type BroadcastDraft, type ChannelDefinition } from '../channel-definition.js';
import { toDomainSchedule } from '../dispatch/schedule-mapping.js';
import type { BroadcastRequest } from './broadcast-request.js';

export interface ValidatedBroadcast {
  message: MessageState;
  version: VersionContent;
  targetUnits: UnitRef[];
  timeZone: string;
  smsMaxParts: number;
  /** What each channel judged: the draft its preview and counts start from. */
  draft: BroadcastDraft;
  firstOccurrences: Date[];
}

/**
 * Everything checked before a broadcast is written or previewed: the message is approved (its
 * current version), targets lie in the caller's subtree, each channel has its rendition and is
 * accepted by its channel (rendition, provider or account, SMS length), the schedule is valid and ends,
 * emergency is a supervisor's.
 */
@Injectable()
export class BroadcastValidator {
  constructor(
    private readonly messages: MessageContentRepository,
    private readonly units: UnitRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CHANNEL_DEFINITIONS) private readonly channels: ChannelDefinition[],
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
    return this.validateContent(actor, req, message, version);
  }

  /**
   * The checks that need the content but not its stored approval: emergency role, targets, each
   * channel, schedule. An emergency, whose message is written and approved in the same transaction
   * as its broadcast, is checked through here before that transaction.
   */
  async validateContent(actor: Actor, req: BroadcastRequest, message: MessageState, version: VersionContent): Promise<ValidatedBroadcast> {
    if (version.priority === 'emergency' && actor.role !== 'supervisor') {
      throw new ForbiddenActionError('broadcast.emergency-role', 'Chỉ lãnh đạo phụ trách mới được phát tin khẩn cấp');
    }

    const targets = await this.resolveTargets(actor, req.targets);
    const targetUnits = targets.targetUnits;
    const owner = await this.units.findRef(message.unitId);
    const timeZone = owner?.timeZone ?? this.config.defaultTimeZone;
    const smsMaxParts = req.smsMaxParts ?? this.config.sms.defaultMaxParts;
    const draft: BroadcastDraft = {
      message,
      version,
      priority: version.priority,
      timeZone,
      targets: { paths: targetUnits.map((u) => u.path), villageIds: req.targets.villageIds, tags: req.targets.tags },
      sms: { withoutDiacritics: req.smsWithoutDiacritics, maxParts: smsMaxParts },
    };
    const problems: FieldProblem[] = [];
    for (const [i, code] of req.channels.entries()) {
      const field = `channels[${i}]`;
      if (!isChannel(code) || !this.channels.some((c) => c.code === code)) {
        problems.push({ field, rule: 'supported', message: `Kênh "${code}" chưa được hỗ trợ` });
      } else {
        problems.push(...(await channelOf(this.channels, code).validate(draft, field)));
      }
    }
    problems.push(...targets.problems);
    const schedule = toDomainSchedule(req.schedule, timeZone);
    problems.push(...validateSchedule(schedule, 'schedule'));
    if (req.schedule.kind === 'once' && new Date(req.schedule.at).getTime() < Date.now() - 60_000) {
      problems.push({ field: 'schedule.at', rule: 'future', message: 'Thời điểm phát đã qua' });
    }
    if (problems.length > 0) throw new InvalidInputError(problems);

    const firstOccurrences = nextOccurrences(schedule, new Date(Date.now() - 60_000), 10);
    if (firstOccurrences.length === 0) {
      throw new InvalidInputError([{ field: 'schedule', rule: 'occurrences', message: 'Lịch phát không có lần phát nào trong tương lai' }]);
    }
    return { message, version, targetUnits, timeZone, smsMaxParts, draft, firstOccurrences };
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
