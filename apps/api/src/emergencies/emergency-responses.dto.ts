import { ApiProperty } from '@nestjs/swagger';
import { CHANNELS } from '#domain/index.js';
import { EMERGENCY_AUTHORISATIONS, EMERGENCY_STATUSES } from '#persistence/index.js';
import { EMERGENCY_WARNING_CODES } from '#services/emergencies/emergency-preview.service.js';
import { BroadcastRecordDto } from '../broadcasts/broadcast-responses.dto.js';
import { BoardSlideDto } from '../messages/messages.dto.js';

const CHANNEL = { enum: CHANNELS, enumName: 'Channel' } as const;
const WARNING_CODES = [...EMERGENCY_WARNING_CODES, 'quiet-hours', 'daily-cap', 'no-programme-slot'];

export class EmergencyRecordDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) messageId!: string;
  @ApiProperty() messageVersion!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty({ description: "The owning unit's ltree path" }) unitPath!: string;
  @ApiProperty({ enum: EMERGENCY_STATUSES, enumName: 'EmergencyStatus' }) status!: string;
  @ApiProperty({ type: String, enum: [...EMERGENCY_AUTHORISATIONS], nullable: true, description: 'self: one supervisor authorised it alone; trusted-source: a CAP source the province trusts; null: an imported draft not sent yet' })
  authorisation!: string | null;
  @ApiProperty({ type: [String], ...CHANNEL }) channels!: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) targetUnitIds!: string[];
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty({ type: String, nullable: true }) createdByName!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The second supervisor' }) confirmedBy!: string | null;
  @ApiProperty({ type: Date, nullable: true }) confirmedAt!: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) broadcastId!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Repeats every this many minutes until repeatUntil or cancelled; null: once' }) repeatEveryMinutes!: number | null;
  @ApiProperty({ type: Date, nullable: true }) repeatUntil!: Date | null;
  @ApiProperty() createdAt!: Date;
}

export class EmergencyDto extends EmergencyRecordDto {
  @ApiProperty({ type: BroadcastRecordDto, nullable: true, description: 'The broadcast once it went out' })
  broadcast!: BroadcastRecordDto | null;
}

export class EmergencyPageDto {
  @ApiProperty({ type: [EmergencyRecordDto] }) items!: EmergencyRecordDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

class EmergencyRenditionsDto {
  @ApiProperty() sms!: string;
  @ApiProperty() loudspeaker!: string;
  @ApiProperty() social!: string;
  @ApiProperty({ type: BoardSlideDto }) board!: BoardSlideDto;
}

class EmergencySmsDto {
  @ApiProperty({ description: 'The exact text that will be sent' }) text!: string;
  @ApiProperty({ enum: ['GSM-7', 'UCS-2'], enumName: 'SmsEncoding' }) encoding!: string;
  @ApiProperty() characters!: number;
  @ApiProperty() parts!: number;
  @ApiProperty() perPart!: number;
  @ApiProperty() maxParts!: number;
  @ApiProperty({ description: 'The text was cut at a word to fit maxParts' }) shortened!: boolean;
  @ApiProperty({ type: [String], description: 'Each part as a phone receives it' }) partTexts!: string[];
}

class EmergencyCostDto {
  @ApiProperty({ enum: ['VND'], enumName: 'Currency' }) currency!: 'VND';
  @ApiProperty() perPart!: number;
  @ApiProperty() perOccurrence!: number;
  @ApiProperty() total!: number;
}

class EmergencyWarningDto {
  @ApiProperty({ enum: WARNING_CODES, enumName: 'EmergencyWarningCode' }) code!: string;
  @ApiProperty({ type: String, nullable: true }) channel!: string | null;
  @ApiProperty() message!: string;
}

export class EmergencyPreviewDto {
  @ApiProperty({ type: EmergencyRenditionsDto }) renditions!: EmergencyRenditionsDto;
  @ApiProperty({ type: [String], ...CHANNEL, description: 'The channels it will go out on' }) channels!: string[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Recipients per channel' }) recipients!: Record<string, number>;
  @ApiProperty({ type: EmergencySmsDto, nullable: true }) sms!: EmergencySmsDto | null;
  @ApiProperty({ type: EmergencyCostDto, nullable: true }) estimatedCost!: EmergencyCostDto | null;
  @ApiProperty() requiresSecondSupervisor!: boolean;
  @ApiProperty({ type: [EmergencyWarningDto] }) warnings!: EmergencyWarningDto[];
}

export class EmergencyPolicyDto {
  @ApiProperty({ format: 'uuid' }) provinceId!: string;
  @ApiProperty() provinceName!: string;
  @ApiProperty() requireSecondSupervisor!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) updatedBy!: string | null;
  @ApiProperty({ type: Date, nullable: true }) updatedAt!: Date | null;
}
