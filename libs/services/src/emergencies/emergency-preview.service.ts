import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '#domain/index.js';
import { BroadcastPreviewService, type BroadcastPreview } from '#engine/broadcasts/broadcast-preview.service.js';
import { CHANNEL_DEFINITIONS, type ChannelDefinition, type SmsPreview } from '#engine/channel-definition.js';
import { EmergencyPlanner, type EmergencyInput } from './emergency-planner.js';
import { fullSms, smsPartTexts, type EmergencyRenditions } from './emergency-renditions.js';

export const EMERGENCY_WARNING_CODES = ['no-recipients', 'no-rendition', 'channel-unavailable', 'sms-shortened', 'second-supervisor'] as const;
export type EmergencyWarningCode = (typeof EMERGENCY_WARNING_CODES)[number] | 'quiet-hours' | 'daily-cap' | 'no-programme-slot';

export interface EmergencyPreview {
  renditions: EmergencyRenditions;
  channels: string[];
  recipients: Record<string, number>;
  sms: (SmsPreview & { shortened: boolean; partTexts: string[] }) | null;
  estimatedCost: BroadcastPreview['estimatedCost'];
  /** The province asks a second supervisor to confirm before it goes out. */
  requiresSecondSupervisor: boolean;
  warnings: { code: EmergencyWarningCode; channel: string | null; message: string }[];
}

/** What "Phát khẩn cấp" will send, to how many, at what cost, with what caveats; writes nothing. */
@Injectable()
export class EmergencyPreviewService {
  constructor(
    private readonly planner: EmergencyPlanner,
    private readonly previews: BroadcastPreviewService,
    @Inject(CHANNEL_DEFINITIONS) private readonly definitions: ChannelDefinition[],
  ) {}

  async preview(actor: Actor, input: EmergencyInput): Promise<EmergencyPreview> {
    const prepared = await this.planner.prepare(actor, input);
    const base = await this.previews.previewValidated(prepared.request, prepared.validated);
    const full = fullSms(input.title, input.text);
    // A repeating emergency's SMS also restates its first issue: it differs from the full text without being cut.
    const cut = prepared.repeat ? prepared.renditions.sms.endsWith('...') && !full.endsWith('...') : prepared.renditions.sms !== full;
    const shortened = !input.renditions?.sms && cut;
    const labelOf = (code: string) => this.definitions.find((d) => d.code === code)?.label ?? code;
    const warnings: EmergencyPreview['warnings'] = [
      ...prepared.skipped.map((s) => ({ code: 'channel-unavailable' as const, channel: s.channel, message: `${labelOf(s.channel)} không được chọn: ${s.reasons.join('; ')}.` })),
      ...base.warnings,
    ];
    if (shortened && base.sms) {
      warnings.push({ code: 'sms-shortened', channel: 'sms', message: `Tin nhắn SMS đã được rút gọn còn ${base.sms.parts} phần; sửa nội dung SMS nếu cần.` });
    }
    const requiresSecondSupervisor = prepared.policy?.requireSecondSupervisor ?? false;
    if (requiresSecondSupervisor) {
      warnings.push({
        code: 'second-supervisor',
        channel: null,
        message: `${prepared.policy?.provinceName} yêu cầu một lãnh đạo khác xác nhận: tin khẩn cấp chỉ phát đi sau khi được xác nhận.`,
      });
    }
    return {
      renditions: prepared.renditions,
      channels: prepared.request.channels,
      recipients: base.recipients,
      sms: base.sms && { ...base.sms, shortened, partTexts: smsPartTexts(base.sms.text) },
      estimatedCost: base.estimatedCost,
      requiresSecondSupervisor,
      warnings,
    };
  }
}
