import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CHANNELS, CONTENT_GROUP_CODES, LIMITS, type ContentGroup } from '#domain/index.js';
import { EMERGENCY_STATUSES, type EmergencyStatus } from '#persistence/index.js';
import { EMERGENCY_TEXT_MAX } from '#services/emergencies/emergency-renditions.js';
import { REPEAT_MAX_DAYS, REPEAT_MAX_MINUTES, REPEAT_MIN_MINUTES } from '#services/emergencies/emergency-repeat.js';
import { IsInstant } from '../http/date-time.validators.js';
import { PageQueryDto } from '../http/pagination.dto.js';
import { RenditionsDto } from '../messages/messages.dto.js';

export const CleanText = () => Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value));

export class EmergencyRepeatDto {
  @ApiProperty({ minimum: REPEAT_MIN_MINUTES, maximum: REPEAT_MAX_MINUTES, example: 120, description: 'Every this many minutes, whole hours (60, 120, ... 1440)' })
  @IsInt()
  @Min(REPEAT_MIN_MINUTES)
  @Max(REPEAT_MAX_MINUTES)
  everyMinutes!: number;

  @ApiPropertyOptional({ format: 'date-time', description: `When to stop repeating; default and latest: ${REPEAT_MAX_DAYS} days after it first goes out. Cancelling stops it earlier.` })
  @IsOptional()
  @IsInstant()
  until?: string;
}

/** What "Phát khẩn cấp" asks for; the preview takes the same without the password. */
export class EmergencyDraftDto {
  @ApiProperty({ maxLength: LIMITS.titleMax, example: 'Cảnh báo lũ quét' })
  @CleanText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.titleMax)
  title!: string;

  @ApiProperty({ maxLength: EMERGENCY_TEXT_MAX, example: 'Mưa lớn kéo dài, nguy cơ lũ quét tại các thôn ven suối. Người dân di chuyển ngay lên nhà văn hóa xã.' })
  @CleanText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(EMERGENCY_TEXT_MAX)
  text!: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 200, description: "Units to reach (any level, in the caller's subtree); default: the caller's unit" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  unitIds?: string[];

  @ApiPropertyOptional({ type: [String], enum: CHANNELS, enumName: 'Channel', description: 'Default: every channel ready to reach the units' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(CHANNELS, { each: true })
  channels?: string[];

  @ApiPropertyOptional({ type: RenditionsDto, description: 'Overrides of the renditions derived from the title and the text' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RenditionsDto)
  renditions?: RenditionsDto;

  @ApiPropertyOptional({ enum: CONTENT_GROUP_CODES, enumName: 'ContentGroup', default: 'local-responsibility' })
  @IsOptional()
  @IsIn(CONTENT_GROUP_CODES)
  contentGroup?: ContentGroup;

  @ApiPropertyOptional({ type: EmergencyRepeatDto, description: 'Repeat until `until` or until cancelled; each repetition restates when it was first issued' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => EmergencyRepeatDto)
  repeat?: EmergencyRepeatDto;
}

export class EmergencyRequestDto extends EmergencyDraftDto {
  @ApiProperty({ description: "The caller's login password, confirming the emergency" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;
}

export class ConfirmEmergencyDto {
  @ApiProperty({ description: "The confirming supervisor's login password" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;
}

export class EmergencyListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EMERGENCY_STATUSES, enumName: 'EmergencyStatus' })
  @IsOptional()
  @IsIn(EMERGENCY_STATUSES)
  status?: EmergencyStatus;
}

export class EmergencyPolicyQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "A province in the caller's subtree; default: the caller's province" })
  @IsOptional()
  @IsUUID()
  provinceId?: string;
}

export class EmergencyPolicyUpdateDto {
  @ApiPropertyOptional({ format: 'uuid', description: "Default: the caller's province" })
  @IsOptional()
  @IsUUID()
  provinceId?: string;

  @ApiProperty({ description: 'true: an emergency goes out only after a second supervisor confirms it' })
  @IsBoolean()
  requireSecondSupervisor!: boolean;
}
