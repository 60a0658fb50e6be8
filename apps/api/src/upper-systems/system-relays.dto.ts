import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PRIORITIES, type Priority } from '#domain/index.js';
import { SYSTEM_PUSH_STATUSES, type SystemPushStatus } from '#persistence/entities/relay.entity.js';

export class PushRelayDto {
  @ApiProperty({ example: 'Thông báo lịch tiêm chủng mở rộng', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiProperty({ description: 'What the loudspeakers read (rendered to speech)', maxLength: 5000 })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  text!: string;

  @ApiProperty({ enum: PRIORITIES, enumName: 'Priority', description: 'Thông tư 39: normal → relay lists; priority → ahead in the next programme; emergency → now (trusted systems) or a supervisor approves' })
  @IsIn(PRIORITIES)
  priority!: Priority;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: "Communes (or districts) under the system's unit; default: all" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  communeIds?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 168, description: "Normal: hours the communes have to place it (default: the province's setting, else 24)" })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(168)
  placeWithinHours?: number;

  @ApiPropertyOptional({ description: "The system's own id of the bulletin; the same reference again answers the first push", maxLength: 200 })
  @IsOptional()
  @Matches(/^[\w.:\-/]{1,200}$/, { message: 'reference chỉ gồm chữ, số và . _ : - / (tối đa 200 ký tự)' })
  reference?: string;
}

export class SystemPushResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) systemId!: string;
  @ApiProperty({ nullable: true, type: String }) reference!: string | null;
  @ApiProperty({
    enum: SYSTEM_PUSH_STATUSES,
    enumName: 'SystemPushStatus',
    description: 'preparing: its audio is being rendered, the broadcast follows within a minute or two; scheduled: broadcast written; awaiting-approval: an emergency of an untrusted system; failed: see reason',
  })
  status!: SystemPushStatus;
  @ApiProperty({ format: 'uuid' }) messageId!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) broadcastId!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}
