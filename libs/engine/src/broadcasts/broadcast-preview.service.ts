import { Inject, Injectable } from '@nestjs/common';
import { expandAhead, formatWallTime, type Actor } from '#domain/index.js';
import { CHANNEL_DEFINITIONS, channelOf, type ChannelDefinition, type ChannelPreview, type PreviewWarning, type SmsPreview } from '../channel-definition.js';
import { toDomainSchedule } from '../dispatch/schedule-mapping.js';
import type { BroadcastRequest } from './broadcast-request.js';
import { BroadcastValidator, type ValidatedBroadcast } from './broadcast-validator.js';
import { sortWarnings } from './preview-warnings.js';

export interface BroadcastPreview {
  recipients: Record<string, number>;
  sms: SmsPreview | null;
  estimatedCost: { currency: 'VND'; perPart: number; perOccurrence: number; total: number } | null;
  timeZone: string;
  /** The first ten due times. */
  occurrences: { at: string; local: string }[];
  occurrenceCount: number;
  /** True when the schedule runs more than a year past its first due time: the count and total cover that year only. */
  occurrenceCountCapped: boolean;
  warnings: PreviewWarning[];
}

const YEAR_MS = 365 * 86_400_000;
const MAX_COUNTED = 10_000;

/**
 * What a broadcast would do, without writing anything: recipients, cost, due times and what will
 * wait or not go out. Each channel counts its own recipients and words its own warnings.
 */
@Injectable()
export class BroadcastPreviewService {
  constructor(
    private readonly validator: BroadcastValidator,
    @Inject(CHANNEL_DEFINITIONS) private readonly channels: ChannelDefinition[],
  ) {}

  async preview(actor: Actor, req: BroadcastRequest): Promise<BroadcastPreview> {
    return this.previewValidated(req, await this.validator.validate(actor, req));
  }

  /** The preview of a broadcast already validated (an emergency validates content that is not written yet). */
  async previewValidated(req: BroadcastRequest, v: ValidatedBroadcast): Promise<BroadcastPreview> {
    // The year counted starts at the first due time, so a broadcast set far ahead still counts.
    const from = new Date(Date.now() - 60_000);
    const yearEnd = new Date(v.firstOccurrences[0].getTime() + YEAR_MS);
    const { due, exhausted } = expandAhead(toDomainSchedule(req.schedule, v.timeZone), from, yearEnd, MAX_COUNTED);
    const occurrences = due.length ? due : v.firstOccurrences.slice(0, 1);
    const recipients: Record<string, number> = {};
    const parts: ChannelPreview[] = [];
    for (const code of req.channels) {
      const channel = channelOf(this.channels, code);
      recipients[code] = await channel.countRecipients(v.draft);
      if (channel.preview) parts.push(await channel.preview(v.draft, occurrences, recipients[code]));
    }
    const sms = parts.find((p) => p.sms)?.sms ?? null;
    const cost = parts.find((p) => p.cost)?.cost ?? null;
    return {
      recipients,
      sms,
      estimatedCost: cost && { ...cost, total: cost.perOccurrence * due.length },
      timeZone: v.timeZone,
      occurrences: v.firstOccurrences.map((d) => ({ at: d.toISOString(), local: formatWallTime(d, v.timeZone) })),
      occurrenceCount: due.length,
      occurrenceCountCapped: !exhausted,
      warnings: sortWarnings(parts.flatMap((p) => p.warnings), req.channels),
    };
  }
}
