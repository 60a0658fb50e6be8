import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PRIORITIES, CHANNELS } from '#domain/index.js';
import { IsInstant } from '../http/date-time.validators.js';

const CHANNEL = { enum: CHANNELS, enumName: 'Channel' } as const;
const OCCURRENCE_STATUSES = ['pending', 'held', 'planned', 'completed', 'cancelled', 'skipped'];

export class CalendarQueryDto {
  @ApiProperty({ description: 'Start of the range (ISO 8601, inclusive)', example: '2026-12-01T00:00:00+07:00' })
  @IsInstant()
  from!: string;

  @ApiProperty({ description: 'End of the range (ISO 8601, exclusive); at most 62 days after from', example: '2027-01-01T00:00:00+07:00' })
  @IsInstant()
  to!: string;

  @ApiPropertyOptional(CHANNEL)
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Broadcasts of this unit and the units below it' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

export class CalendarOccurrenceDto {
  @ApiProperty({ format: 'uuid' }) occurrenceId!: string;
  @ApiProperty({ format: 'uuid' }) broadcastId!: string;
  @ApiProperty() dueAt!: Date;
  @ApiProperty({ enum: OCCURRENCE_STATUSES, enumName: 'OccurrenceStatus' }) status!: string;
  @ApiProperty({ enum: PRIORITIES, enumName: 'Priority' }) priority!: string;
  @ApiProperty({ type: [String], ...CHANNEL }) channels!: string[];
  @ApiProperty() messageTitle!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitName!: string;
}
