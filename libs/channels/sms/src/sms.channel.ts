import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { assertMaxParts, brandnameProblems, dailyCapFor, estimateCost, InvalidInputError, localDayKey, smsBody, startOfNextSendingDay, type FieldProblem } from '#domain/index.js';
import { ChannelPolicyRepository, type BroadcastRow } from '#persistence/index.js';
import { SmsDeliveryRepository } from './repositories/sms-delivery.repository.js';
import type { BroadcastDraft, ChannelDefinition, ChannelPreview, PlanContext, PlannedChannel, WaitingBatch } from '#engine/channel-definition.js';
import type { SmsProvider } from './sms-provider.js';
import { SMS_PROVIDER } from './sms-providers.js';
import { SmsSenderProfileRepository } from './repositories/sms-sender-profile.repository.js';
import { SmsPlanner } from './sms-planner.js';
import { smsWarnings } from './sms-preview.js';

const DISABLED = 'Kênh SMS đang tắt: chưa cấu hình nhà cung cấp SMS';

/** SMS to the opted-in subscribers of the targets, through the configured provider. */
@Injectable()
export class SmsChannel implements ChannelDefinition {
  readonly code = 'sms' as const;
  readonly label = 'Tin nhắn SMS';

  constructor(
    private readonly planner: SmsPlanner,
    private readonly deliveries: SmsDeliveryRepository,
    private readonly policies: ChannelPolicyRepository,
    private readonly senderProfiles: SmsSenderProfileRepository,
    @Inject(SMS_PROVIDER) private readonly provider: SmsProvider | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async validate(draft: BroadcastDraft, field: string): Promise<FieldProblem[]> {
    const text = draft.version.renditions.sms;
    if (!text) return [{ field, rule: 'rendition', message: 'Tin bài chưa có nội dung cho kênh sms' }];
    const problems: FieldProblem[] = [];
    if (!this.provider) problems.push({ field, rule: 'enabled', message: DISABLED });
    try {
      assertMaxParts(text, draft.sms.maxParts, draft.sms.withoutDiacritics);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      problems.push(...error.details);
    }
    if (this.provider?.requiresSender) {
      const route = await this.senderProfiles.forUnitPath(draft.message.unitPath, this.provider.name);
      problems.push(...brandnameProblems(route, smsBody(text, draft.sms.withoutDiacritics), field));
    }
    return problems;
  }

  async readiness(draft: BroadcastDraft): Promise<string[]> {
    const reasons: string[] = [];
    if (!draft.version.renditions.sms) reasons.push('Tin bài chưa có nội dung SMS');
    if (!this.provider) reasons.push(DISABLED);
    if (this.provider?.requiresSender && !(await this.senderProfiles.forUnitPath(draft.message.unitPath, this.provider.name))) {
      reasons.push('Tỉnh của đơn vị chưa khai báo brandname SMS với nhà cung cấp đang dùng');
    }
    if ((await this.countRecipients(draft)) === 0) reasons.push('Không có người nhận tin SMS nào trong các đơn vị, thôn và nhóm đã chọn');
    return reasons;
  }

  countRecipients(draft: BroadcastDraft): Promise<number> {
    return this.deliveries.countSmsRecipients(this.filter(draft));
  }

  async preview(draft: BroadcastDraft, due: Date[], recipients: number): Promise<ChannelPreview> {
    const policy = await this.policies.get('sms');
    const cap = dailyCapFor(policy.dailyCap, draft.priority);
    const first = due[0];
    const capped =
      cap === null || !recipients || !first
        ? null
        : {
            count: await this.deliveries.countCappedRecipients(this.filter(draft), localDayKey(first, draft.timeZone), cap),
            cap,
            nextDay: startOfNextSendingDay(first, draft.timeZone, policy.quietHours),
          };
    const warnings = smsWarnings({ priority: draft.priority, timeZone: draft.timeZone, occurrences: due, recipients, quietHours: policy.quietHours, capped });
    const source = draft.version.renditions.sms;
    if (!source) return { warnings };
    const segments = assertMaxParts(source, draft.sms.maxParts, draft.sms.withoutDiacritics);
    const perPart = this.config.sms.pricePerPartVnd;
    return {
      warnings,
      sms: {
        text: smsBody(source, draft.sms.withoutDiacritics),
        encoding: segments.encoding,
        characters: segments.characters,
        parts: segments.parts,
        perPart: segments.perPart,
        maxParts: draft.sms.maxParts,
      },
      cost: { currency: 'VND', perPart, perOccurrence: estimateCost(segments.parts, recipients, perPart) },
    };
  }

  plan(ctx: PlanContext): Promise<PlannedChannel> {
    return this.planner.plan(ctx);
  }

  enqueue(occurrenceId: string, broadcast: BroadcastRow, planned: PlannedChannel): Promise<void> {
    return this.planner.enqueue(occurrenceId, broadcast, planned);
  }

  wake(batches: WaitingBatch[]): Promise<void> {
    return this.planner.wake(batches);
  }

  private filter(draft: BroadcastDraft) {
    return { targetPaths: draft.targets.paths, villageIds: draft.targets.villageIds, tags: draft.targets.tags };
  }
}
