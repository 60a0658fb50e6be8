import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { ForbiddenActionError, InvalidInputError, NotFoundError, type Actor, type ContentGroup, type FieldProblem } from '#domain/index.js';
import type { EntityManager } from 'typeorm';
import { MessageRepository } from '#persistence/repositories/message.repository.js';
import type { MessageContent } from '#persistence/repositories/message.repository.js';
import { MessageContentRepository, UnitRepository, type MessageState, type UnitRef, type VersionContent } from '#persistence/index.js';
import type { BroadcastRequest } from '#engine/broadcasts/broadcast-request.js';
import { BroadcastValidator, type ValidatedBroadcast } from '#engine/broadcasts/broadcast-validator.js';
import { CHANNEL_DEFINITIONS, type BroadcastDraft, type ChannelDefinition } from '#engine/channel-definition.js';
import { emergencyRenditions, type EmergencyRenditions, type RenditionOverrides } from './emergency-renditions.js';
import { emergencySchedule, repeatProblems, withFirstIssue, type EmergencyRepeat } from './emergency-repeat.js';
import { EmergencyRepository, type EmergencyPolicy, type EmergencyRow } from './emergency.repository.js';

/** What a supervisor writes in "Phát khẩn cấp". */
export interface EmergencyInput {
  title: string;
  text: string;
  /** Default: the caller's unit. */
  unitIds?: string[];
  /** Default: every channel ready to reach the units. */
  channels?: string[];
  renditions?: RenditionOverrides;
  contentGroup?: ContentGroup;
  /** Repeat every N minutes (whole hours) until `until` or until withdrawn. */
  repeat?: EmergencyRepeat;
}

/** Emergencies are rarely about administrative reform; they are filed under the local authorities' responsibility. */
export const EMERGENCY_CONTENT_GROUP: ContentGroup = 'local-responsibility';

export interface PreparedEmergency {
  owner: UnitRef;
  contentGroup: ContentGroup;
  renditions: EmergencyRenditions;
  version: VersionContent;
  request: BroadcastRequest;
  validated: ValidatedBroadcast;
  /** Channels left out by default, with the reasons. */
  skipped: { channel: string; reasons: string[] }[];
  policy: EmergencyPolicy | null;
  repeat: EmergencyRepeat | null;
}

/**
 * Turns what the supervisor wrote into a checked emergency broadcast, without writing anything:
 * renditions, target units in the caller's subtree, channels (by default those ready to reach the
 * units), each channel's own checks, and the province's rule on a second supervisor.
 */
@Injectable()
export class EmergencyPlanner {
  constructor(
    private readonly validator: BroadcastValidator,
    private readonly units: UnitRepository,
    private readonly emergencies: EmergencyRepository,
    private readonly messages: MessageContentRepository,
    private readonly messageRows: MessageRepository,
    @Inject(CHANNEL_DEFINITIONS) private readonly channels: ChannelDefinition[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async prepare(actor: Actor, input: EmergencyInput): Promise<PreparedEmergency> {
    assertSupervisor(actor);
    const owner = await this.units.findRef(actor.unitId);
    if (!owner) throw new NotFoundError('unit');
    const smsMaxParts = this.config.sms.defaultMaxParts;
    const now = new Date();
    const timeZone = owner.timeZone ?? this.config.defaultTimeZone;
    const repeat = input.repeat ?? null;
    const repeatProblem = repeat && repeatProblems(repeat, now);
    if (repeatProblem) throw repeatProblem;
    const province = await this.emergencies.provinceOf(owner.path);
    const policy = province ? await this.emergencies.policy(province) : null;
    let renditions = emergencyRenditions(input.title, input.text, smsMaxParts, input.renditions);
    // Goes out now: the first issue is now. One waiting for a second supervisor is restated at confirmation.
    if (repeat && !policy?.requireSecondSupervisor) renditions = withFirstIssue(renditions, now, timeZone, smsMaxParts);
    const contentGroup = input.contentGroup ?? EMERGENCY_CONTENT_GROUP;
    const version: VersionContent = {
      versionNo: 1,
      title: input.title,
      body: input.text,
      contentGroup,
      priority: 'emergency',
      renditions,
      attachmentIds: [],
    };
    // Not written yet: the id only keys what channels look up before the write (the speech cache).
    const message: MessageState = { id: randomUUID(), unitId: owner.id, unitPath: owner.path, status: 'approved', currentVersion: 1, approvedVersion: 1 };
    const unitIds = input.unitIds?.length ? [...new Set(input.unitIds)] : [owner.id];
    const { targetUnits, problems } = await this.validator.resolveTargets(actor, { unitIds, villageIds: [], tags: [] });
    if (problems.length) throw new InvalidInputError(problems.map(renameField));
    const draft: BroadcastDraft = {
      message,
      version,
      priority: 'emergency',
      timeZone,
      targets: { paths: targetUnits.map((u) => u.path), villageIds: [], tags: [] },
      sms: { withoutDiacritics: false, maxParts: smsMaxParts },
    };
    const { channels, skipped } = await this.pickChannels(input.channels, draft);
    const request: BroadcastRequest = {
      messageId: message.id,
      channels,
      targets: { unitIds, villageIds: [], tags: [] },
      schedule: emergencySchedule(repeat, now, timeZone),
      smsWithoutDiacritics: false,
      smsMaxParts,
    };
    let validated: ValidatedBroadcast;
    try {
      validated = await this.validator.validateContent(actor, request, message, version);
    } catch (error) {
      if (error instanceof InvalidInputError) throw new InvalidInputError(error.details.map(renameField));
      throw error;
    }
    return { owner, contentGroup, renditions, version, request, validated, skipped, policy, repeat };
  }

  /**
   * The broadcast of an emergency that waited for a second supervisor, from what was stored, checked
   * again inside the confirming transaction (its message already approved there).
   */
  async prepareStored(actor: Actor, emergency: EmergencyRow, m: EntityManager): Promise<Pick<PreparedEmergency, 'request' | 'validated'>> {
    const message = (await this.messages.state(emergency.messageId, m)) as MessageState;
    const version = (await this.messages.version(emergency.messageId, emergency.messageVersion, m)) as VersionContent;
    const request: BroadcastRequest = {
      messageId: message.id,
      channels: emergency.channels,
      targets: { unitIds: emergency.targetUnitIds, villageIds: [], tags: [] },
      schedule: emergencySchedule(repeatOf(emergency), new Date(), await this.timeZoneOf(emergency.unitId, m)),
      smsWithoutDiacritics: false,
      smsMaxParts: this.config.sms.defaultMaxParts,
    };
    return { request, validated: await this.validator.validateContent(actor, request, message, version) };
  }

  /**
   * A repeating emergency confirmed by a second supervisor goes out now: a new version of its message
   * restates that instant as the first issue (the waiting version could not know it). Returns the
   * version to approve and send.
   */
  async restateFirstIssue(emergency: EmergencyRow, authorId: string, m: EntityManager): Promise<number> {
    if (!repeatOf(emergency)) return emergency.messageVersion;
    const version = (await this.messages.version(emergency.messageId, emergency.messageVersion, m)) as VersionContent;
    const timeZone = await this.timeZoneOf(emergency.unitId, m);
    const renditions = withFirstIssue(version.renditions as EmergencyRenditions, new Date(), timeZone, this.config.sms.defaultMaxParts);
    const versionNo = emergency.messageVersion + 1;
    await this.messageRows.insertVersion(
      emergency.messageId,
      versionNo,
      authorId,
      { ...version, contentGroup: version.contentGroup as ContentGroup, reformAreas: [], indices: [], audiences: ['citizens'], renditions },
      m,
    );
    await this.messageRows.markEdited(emergency.messageId, versionNo, m);
    return versionNo;
  }

  private async timeZoneOf(unitId: string, m: EntityManager): Promise<string> {
    return (await this.units.findRef(unitId, m))?.timeZone ?? this.config.defaultTimeZone;
  }

  /** The channels asked for, or every registered channel ready to reach the units (none ready: refused). */
  private async pickChannels(asked: string[] | undefined, draft: BroadcastDraft): Promise<{ channels: string[]; skipped: PreparedEmergency['skipped'] }> {
    if (asked?.length) return { channels: [...new Set(asked)], skipped: [] };
    const channels: string[] = [];
    const skipped: PreparedEmergency['skipped'] = [];
    for (const channel of this.channels) {
      const reasons = await channel.readiness(draft);
      if (reasons.length === 0) channels.push(channel.code);
      else skipped.push({ channel: channel.code, reasons });
    }
    if (channels.length === 0) {
      throw new InvalidInputError([
        { field: 'channels', rule: 'none-ready', message: `Không có kênh nào sẵn sàng đến các đơn vị đã chọn: ${skipped.map((s) => `${s.channel}: ${s.reasons.join('; ')}`).join(' | ')}` },
      ]);
    }
    return { channels, skipped };
  }
}

export function assertSupervisor(actor: Actor): void {
  if (actor.role !== 'supervisor') {
    throw new ForbiddenActionError('emergency.role', 'Chỉ lãnh đạo phụ trách mới được phát tin khẩn cấp');
  }
}

/** The engine names fields of a broadcast request; the emergency's request names them its own way. */
function renameField(problem: FieldProblem): FieldProblem {
  const field = problem.field
    .replace(/^targets\.unitIds/, 'unitIds')
    .replace(/^(sms|loudspeaker|social|board)$/, 'renditions.$1');
  return { ...problem, field };
}

function repeatOf(e: Pick<EmergencyRow, 'repeatEveryMinutes' | 'repeatUntil'>): EmergencyRepeat | null {
  return e.repeatEveryMinutes ? { everyMinutes: e.repeatEveryMinutes, until: e.repeatUntil ? new Date(e.repeatUntil).toISOString() : null } : null;
}

/** The message an emergency is written as: its title, text and renditions, priority 'emergency', for citizens. */
export function emergencyMessageContent(prepared: PreparedEmergency): MessageContent {
  return {
    title: prepared.version.title,
    body: prepared.version.body,
    contentGroup: prepared.contentGroup,
    reformAreas: [],
    indices: [],
    audiences: ['citizens'],
    priority: 'emergency',
    renditions: prepared.renditions,
    attachmentIds: [],
  };
}
