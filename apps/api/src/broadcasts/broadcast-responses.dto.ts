import { ApiProperty } from '@nestjs/swagger';
import { DELIVERY_STATUSES, PRIORITIES, CHANNELS } from '#domain/index.js';
import { BROADCAST_VIEW_STATUSES } from '#domain/delivery/broadcast-view-status.js';
import { DELIVERY_FAILURE_REASONS } from '#domain/delivery/failure-reason.js';
import { BROADCAST_STATUSES } from '#persistence/index.js';
import { PREVIEW_WARNING_CODES } from '#engine/broadcasts/preview-warnings.js';
import { ScheduleDto, TargetsDto } from './broadcast.dto.js';

/** Response shapes, declared for the OpenAPI document; the services return plain objects of the same shape. */

const CHANNEL = { enum: CHANNELS, enumName: 'Channel' } as const;
const PRIORITY = { enum: PRIORITIES, enumName: 'Priority' } as const;

export class BroadcastRecordDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ description: 'The owning unit\'s ltree path' }) unitPath!: string;
  @ApiProperty({ format: 'uuid' }) messageId!: string;
  @ApiProperty() messageVersion!: number;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty({ enum: BROADCAST_STATUSES, enumName: 'StoredBroadcastStatus' }) status!: string;
  @ApiProperty({ type: [String], ...CHANNEL }) channels!: string[];
  @ApiProperty({ type: TargetsDto }) targets!: TargetsDto;
  @ApiProperty({ type: ScheduleDto }) schedule!: ScheduleDto;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) timeZone!: string;
  @ApiProperty() smsWithoutDiacritics!: boolean;
  @ApiProperty() smsMaxParts!: number;
  @ApiProperty(PRIORITY) priority!: string;
  @ApiProperty({ type: Date, nullable: true }) cancelledAt!: Date | null;
  @ApiProperty() createdAt!: Date;
}

export class BroadcastSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty({ format: 'uuid' }) messageId!: string;
  @ApiProperty() messageVersion!: number;
  @ApiProperty({ description: 'Title of the scheduled version' }) messageTitle!: string;
  @ApiProperty(PRIORITY) priority!: string;
  @ApiProperty({ type: [String], ...CHANNEL }) channels!: string[];
  @ApiProperty({
    enum: BROADCAST_VIEW_STATUSES,
    enumName: 'BroadcastStatus',
    description: 'held: an occurrence waits for re-approval; partially-failed: finished with some deliveries failed or undelivered; failed: finished and nothing sent',
  })
  status!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Vietnamese sentence explaining a held, deferred or failed state' })
  statusNote!: string | null;
  @ApiProperty({ type: Date, nullable: true, description: 'The next pending occurrence' }) nextDueAt!: Date | null;
  @ApiProperty({ type: TargetsDto }) targets!: TargetsDto;
  @ApiProperty({ type: ScheduleDto }) schedule!: ScheduleDto;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) timeZone!: string;
  @ApiProperty() smsWithoutDiacritics!: boolean;
  @ApiProperty() smsMaxParts!: number;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) cancelledAt!: Date | null;
}

export class BroadcastPageDto {
  @ApiProperty({ type: [BroadcastSummaryDto] }) items!: BroadcastSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

class SmsPreviewDto {
  @ApiProperty({ description: 'The exact text that will be sent' }) text!: string;
  @ApiProperty({ enum: ['GSM-7', 'UCS-2'], enumName: 'SmsEncoding' }) encoding!: string;
  @ApiProperty() characters!: number;
  @ApiProperty() parts!: number;
  @ApiProperty() perPart!: number;
  @ApiProperty() maxParts!: number;
}

class CostDto {
  @ApiProperty({ enum: ['VND'], enumName: 'Currency' }) currency!: 'VND';
  @ApiProperty() perPart!: number;
  @ApiProperty({ description: 'parts × SMS recipients' }) perOccurrence!: number;
  @ApiProperty({ description: 'perOccurrence × occurrenceCount' }) total!: number;
}

class DueTimeDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ example: '2026-12-04T07:30:00', description: 'Wall time in the unit\'s zone' }) local!: string;
}

export class PreviewWarningDto {
  @ApiProperty({ enum: PREVIEW_WARNING_CODES, enumName: 'PreviewWarningCode' }) code!: string;
  @ApiProperty(CHANNEL) channel!: string;
  @ApiProperty({ description: 'Vietnamese' }) message!: string;
}

export class BroadcastPreviewDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { sms: 120, loudspeaker: 3 }, description: 'Recipients (SMS), stations, boards or accounts per channel' })
  recipients!: Record<string, number>;
  @ApiProperty({ type: SmsPreviewDto, nullable: true }) sms!: SmsPreviewDto | null;
  @ApiProperty({ type: CostDto, nullable: true, description: 'SMS cost; null without SMS' }) estimatedCost!: CostDto | null;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) timeZone!: string;
  @ApiProperty({ type: [DueTimeDto], description: 'The first ten due times' }) occurrences!: DueTimeDto[];
  @ApiProperty({ description: 'Due times the schedule yields until its end (within one year when it runs longer)' }) occurrenceCount!: number;
  @ApiProperty({ description: 'True when the schedule runs more than a year past its first due time; the count and total then cover that year' }) occurrenceCountCapped!: boolean;
  @ApiProperty({ type: [PreviewWarningDto] }) warnings!: PreviewWarningDto[];
}

export class ChannelReadinessDto {
  @ApiProperty(CHANNEL) channel!: string;
  @ApiProperty() ready!: boolean;
  @ApiProperty({ type: [String], description: 'Vietnamese reasons the channel cannot be used yet; empty when ready' }) reasons!: string[];
}

class OccurrenceProgressDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() dueAt!: Date;
  @ApiProperty({ enum: ['pending', 'held', 'planned', 'completed', 'cancelled', 'skipped'], enumName: 'OccurrenceStatus' }) status!: string;
  @ApiProperty() batchCount!: number;
}

export class BroadcastProgressDto {
  @ApiProperty({ format: 'uuid' }) broadcastId!: string;
  @ApiProperty({ enum: BROADCAST_VIEW_STATUSES, enumName: 'BroadcastStatus' }) status!: string;
  @ApiProperty() total!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { sent: 40, failed: 2 } }) byStatus!: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'integer' } }, example: { sms: { sent: 40 } } })
  byChannel!: Record<string, Record<string, number>>;
  @ApiProperty({ type: [OccurrenceProgressDto] }) occurrences!: OccurrenceProgressDto[];
}

export class CancelResultDto {
  @ApiProperty() cancelledDeliveries!: number;
  @ApiProperty() cancelledOccurrences!: number;
}

export class RetryResultDto {
  @ApiProperty() retried!: number;
}

class SocialPostDto {
  @ApiProperty({ enum: ['requested', 'scheduled', 'published', 'deleted'], enumName: 'SocialPostState' }) state!: string;
  @ApiProperty({ type: String, nullable: true }) postId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) scheduledFor!: string | null;
}

export class DeliveryDto {
  @ApiProperty({ example: '1024' }) id!: string;
  @ApiProperty({ format: 'uuid' }) occurrenceId!: string;
  @ApiProperty(CHANNEL) channel!: string;
  @ApiProperty({ description: 'Phone (E.164) for SMS; station, board or account id otherwise' }) endpoint!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES, enumName: 'DeliveryStatus' }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, nullable: true }) provider!: string | null;
  @ApiProperty({ type: String, nullable: true }) providerMessageId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '21211' }) providerCode!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The provider's own message, for support" }) lastError!: string | null;
  @ApiProperty({ type: String, enum: ['permanent', 'exhausted'], enumName: 'FailureKind', nullable: true }) failureKind!: string | null;
  @ApiProperty({
    type: String,
    enum: DELIVERY_FAILURE_REASONS,
    enumName: 'DeliveryFailureReason',
    nullable: true,
    description: 'Why it failed, was skipped or cancelled, when known: a permanent refusal of the provider, or the cause of the skip or cancellation',
  })
  failureReason!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it failed, was skipped, cancelled or is unconfirmed, in Vietnamese' })
  failureText!: string | null;
  @ApiProperty() notBefore!: Date;
  @ApiProperty({ type: Date, nullable: true }) sentAt!: Date | null;
  @ApiProperty() updatedAt!: Date;
  @ApiProperty({ type: SocialPostDto, nullable: true }) post!: SocialPostDto | null;
}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryDto] }) items!: DeliveryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
