import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AUDIENCE_CODES,
  CONTENT_GROUP_CODES,
  INDICES,
  LIMITS,
  MESSAGE_STATUSES,
  PRIORITIES,
  REFORM_AREA_CODES,
  type Audience,
  type ContentGroup,
  type MessageStatus,
  type Priority,
  type ReformArea,
  type ReformIndex,
} from '#domain/index.js';
import { MESSAGE_SORT_FIELDS, type MessageContent } from '#persistence/repositories/message.repository.js';
import { PageQueryDto } from '../http/pagination.dto.js';
import { SortQuery } from '../http/sort.js';

export const MESSAGE_DEFAULT_SORT = '-updatedAt';

/** Text as typed, without surrounding blanks, in one Unicode form so that search and length agree. */
const CleanText = () => Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value));

export class BoardSlideDto {
  @ApiProperty({ maxLength: LIMITS.boardTitleMax, example: 'Dịch vụ công trực tuyến' })
  @CleanText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.boardTitleMax)
  title!: string;

  @ApiProperty({ maxLength: LIMITS.boardBodyMax, example: 'Nộp hồ sơ tại dichvucong.gov.vn, không cần đến trụ sở.' })
  @CleanText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.boardBodyMax)
  body!: string;
}

/** One rendition per channel; a channel left out uses nothing (the broadcast step asks for what it needs). */
export class RenditionsDto {
  @ApiPropertyOptional({ maxLength: LIMITS.smsMax, description: 'SMS text' })
  @IsOptional()
  @CleanText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.smsMax)
  sms?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.loudspeakerScriptMax, description: 'Loudspeaker script, read by text-to-speech' })
  @IsOptional()
  @CleanText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.loudspeakerScriptMax)
  loudspeaker?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.socialMax, description: 'Zalo OA / Facebook Page post' })
  @IsOptional()
  @CleanText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.socialMax)
  social?: string;

  @ApiPropertyOptional({ type: BoardSlideDto, description: 'Electronic bulletin board slide' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BoardSlideDto)
  board?: BoardSlideDto;
}

export class MessageContentDto {
  @ApiProperty({ maxLength: LIMITS.titleMax, example: 'Nộp hồ sơ đất đai trực tuyến tại xã' })
  @CleanText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.titleMax)
  title!: string;

  @ApiProperty({ maxLength: LIMITS.bodyMax })
  @CleanText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.bodyMax)
  body!: string;

  @ApiProperty({ enum: CONTENT_GROUP_CODES, enumName: 'ContentGroup', description: 'One of the ten content groups of 1216/QĐ-BTTTT' })
  @IsIn(CONTENT_GROUP_CODES)
  contentGroup!: ContentGroup;

  @ApiPropertyOptional({ enum: REFORM_AREA_CODES, isArray: true, default: [] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(REFORM_AREA_CODES, { each: true })
  reformAreas: ReformArea[] = [];

  @ApiPropertyOptional({ enum: INDICES, isArray: true, default: [] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(INDICES, { each: true })
  indices: ReformIndex[] = [];

  @ApiPropertyOptional({ enum: AUDIENCE_CODES, isArray: true, default: [] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(AUDIENCE_CODES, { each: true })
  audiences: Audience[] = [];

  @ApiPropertyOptional({ enum: PRIORITIES, enumName: 'Priority', default: 'normal', description: 'Thông tư 39/2020/TT-BTTTT' })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority: Priority = 'normal';

  @ApiPropertyOptional({ type: RenditionsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RenditionsDto)
  renditions: RenditionsDto = new RenditionsDto();

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: LIMITS.attachmentsMax, default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.attachmentsMax)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  attachmentIds: string[] = [];
}

export class CreateMessageDto extends MessageContentDto {
  @ApiPropertyOptional({ format: 'uuid', description: "The message's unit; defaults to the caller's unit, must be in the caller's subtree" })
  @IsOptional()
  @IsUUID('all')
  unitId?: string;
}

export class EditMessageDto extends MessageContentDto {
  @ApiProperty({ minimum: 1, description: 'The version this edit starts from; 409 when someone else saved a newer one' })
  @IsInt()
  @Min(1)
  baseVersion!: number;
}

export class SubmitMessageDto {
  @ApiProperty({ minimum: 1, description: 'The version being submitted (the current one)' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class ApproveMessageDto extends SubmitMessageDto {
  @ApiPropertyOptional({ maxLength: LIMITS.commentMax })
  @IsOptional()
  @CleanText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.commentMax)
  comment?: string;
}

export class ReturnMessageDto extends SubmitMessageDto {
  @ApiProperty({ maxLength: LIMITS.commentMax, description: 'What the author should change' })
  @CleanText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.commentMax)
  comment!: string;
}

export class ListMessagesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MESSAGE_STATUSES, enumName: 'MessageStatus' })
  @IsOptional()
  @IsIn(MESSAGE_STATUSES)
  status?: MessageStatus;

  @ApiPropertyOptional({ enum: CONTENT_GROUP_CODES, enumName: 'ContentGroup' })
  @IsOptional()
  @IsIn(CONTENT_GROUP_CODES)
  contentGroup?: ContentGroup;

  @ApiPropertyOptional({ enum: PRIORITIES, enumName: 'Priority' })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ format: 'uuid', description: 'The author of the current version' })
  @IsOptional()
  @IsUUID('all')
  authorId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Messages of this unit and the units below it' })
  @IsOptional()
  @IsUUID('all')
  unitId?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Part of the title or the body; diacritics ignored ("nop ho so" finds "nộp hồ sơ")' })
  @IsOptional()
  @CleanText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  q?: string;

  @SortQuery(MESSAGE_SORT_FIELDS, MESSAGE_DEFAULT_SORT)
  sort?: string;
}

/** The version content the services store; an explicit null in an optional field means "none". */
export function toMessageContent(dto: MessageContentDto): MessageContent {
  const { sms, loudspeaker, social, board } = dto.renditions ?? {};
  return {
    title: dto.title,
    body: dto.body,
    contentGroup: dto.contentGroup,
    reformAreas: dto.reformAreas ?? [],
    indices: dto.indices ?? [],
    audiences: dto.audiences ?? [],
    priority: dto.priority ?? 'normal',
    renditions: {
      ...(sms != null && { sms }),
      ...(loudspeaker != null && { loudspeaker }),
      ...(social != null && { social }),
      ...(board != null && { board: { title: board.title, body: board.body } }),
    },
    attachmentIds: dto.attachmentIds ?? [],
  };
}
