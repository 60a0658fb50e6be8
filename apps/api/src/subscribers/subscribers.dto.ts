import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import {
  CONSENT_SOURCES,
  FULL_NAME_MAX_LENGTH,
  LANGUAGE_PATTERN,
  TAG_MAX_LENGTH,
  TAGS_MAX_COUNT,
  type ConsentSource,
} from '#services/subscribers/subscriber-fields.js';
import { SUBSCRIBER_SORT_FIELDS } from '#persistence/repositories/subscriber.repository.js';
import { IsDateTime } from '../http/date-time.validators.js';
import { PageQueryDto, toBoolean } from '../http/pagination.dto.js';
import { SortQuery } from '../http/sort.js';

export const SUBSCRIBER_DEFAULT_SORT = '-createdAt';

const CONSENT_DESCRIPTION = 'How the citizen agreed: form (web form), sms (keyword), import (CSV list), officer, paper (signed form)';
const PHONE_DESCRIPTION = 'A Vietnamese mobile number in any usual spelling (0912 345 678, +84912345678, legacy 0168…); stored as E.164';
/** Present means validated: null is refused where a field cannot be cleared. */
const unlessAbsent = ValidateIf((_: unknown, value: unknown) => value !== undefined);

export class CreateSubscriberDto {
  @ApiProperty({ example: '0912 345 678', description: PHONE_DESCRIPTION })
  @IsString()
  @MaxLength(30)
  phone!: string;

  @ApiProperty({ format: 'uuid', description: "The commune (or other unit) of the caller's subtree the citizen belongs to; not a village" })
  @IsUUID()
  unitId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A village (thôn, tổ dân phố) under unitId' })
  @IsOptional()
  @IsUUID()
  villageId?: string;

  @ApiPropertyOptional({ example: 'Nguyễn Văn An', maxLength: FULL_NAME_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(FULL_NAME_MAX_LENGTH)
  fullName?: string;

  @ApiPropertyOptional({ type: [String], example: ['hộ nghèo', 'thanh niên'], maxItems: TAGS_MAX_COUNT, description: 'Stored lower-case, each once' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(TAGS_MAX_COUNT)
  @IsString({ each: true })
  @MaxLength(TAG_MAX_LENGTH, { each: true })
  tags?: string[];

  @ApiProperty({ enum: CONSENT_SOURCES, description: CONSENT_DESCRIPTION })
  @IsIn(CONSENT_SOURCES)
  consentSource!: ConsentSource;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the citizen agreed (default now); without an offset, local time of Vietnam' })
  @IsOptional()
  @IsDateTime()
  consentAt?: string;

  @ApiPropertyOptional({ example: 'vi', default: 'vi', pattern: LANGUAGE_PATTERN.source, description: 'ISO 639 code' })
  @IsOptional()
  @Matches(LANGUAGE_PATTERN)
  preferredLanguage?: string;
}

export class UpdateSubscriberDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: FULL_NAME_MAX_LENGTH, description: 'null clears the name' })
  @IsOptional()
  @IsString()
  @MaxLength(FULL_NAME_MAX_LENGTH)
  fullName?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: "Moves the subscriber to another unit of the caller's subtree" })
  @unlessAbsent
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'A village under the unit; null clears it' })
  @IsOptional()
  @IsUUID()
  villageId?: string | null;

  @ApiPropertyOptional({ type: [String], maxItems: TAGS_MAX_COUNT, description: 'Replaces the tags' })
  @unlessAbsent
  @IsArray()
  @ArrayMaxSize(TAGS_MAX_COUNT)
  @IsString({ each: true })
  @MaxLength(TAG_MAX_LENGTH, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ example: 'vi', pattern: LANGUAGE_PATTERN.source })
  @unlessAbsent
  @Matches(LANGUAGE_PATTERN)
  preferredLanguage?: string;
}

export class OptInDto {
  @ApiPropertyOptional({ enum: CONSENT_SOURCES, default: 'officer', description: 'How the citizen asked to receive SMS again' })
  @IsOptional()
  @IsIn(CONSENT_SOURCES)
  consentSource?: ConsentSource;
}

export class SubscribersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only subscribers of this unit and the units below it' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  villageId?: string;

  @ApiPropertyOptional({ example: 'hộ nghèo' })
  @IsOptional()
  @IsString()
  @MaxLength(TAG_MAX_LENGTH)
  tag?: string;

  @ApiPropertyOptional({ description: 'Part of the number (0912 345) or of the name; the name ignores case and diacritics' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true: only opted-out numbers; false: only those who receive SMS' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  optedOut?: boolean;

  @SortQuery(SUBSCRIBER_SORT_FIELDS, SUBSCRIBER_DEFAULT_SORT)
  sort?: string;
}

export class SubscriberDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '+84912345678' }) phone!: string;
  @ApiProperty({ type: String, nullable: true }) fullName!: string | null;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) villageId!: string | null;
  @ApiProperty({ type: String, nullable: true }) villageName!: string | null;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ enum: CONSENT_SOURCES }) consentSource!: string;
  @ApiProperty({ type: String, format: 'date-time' }) consentAt!: Date;
  @ApiProperty({ example: 'vi' }) preferredLanguage!: string;
  @ApiProperty({ description: 'An opted-out number is never sent to' }) optedOut!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) optedOutAt!: Date | null;
  @ApiProperty({ type: String, nullable: true, enum: ['sms', 'officer', 'provider'] }) optOutSource!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class SubscriberPageDto {
  @ApiProperty({ type: [SubscriberDto] }) items!: SubscriberDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
