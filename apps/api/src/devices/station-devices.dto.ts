import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDay, IsInstant } from '../http/date-time.validators.js';

export class PlaylistQueryDto {
  @ApiPropertyOptional({ example: '2026-11-23', description: "Local day of the station; today when omitted" })
  @IsOptional()
  @IsCalendarDay()
  date?: string;
}

export class HeartbeatDto {
  @ApiProperty({ enum: ['ok', 'degraded', 'error'] })
  @IsIn(['ok', 'degraded', 'error'])
  status!: 'ok' | 'degraded' | 'error';

  @ApiPropertyOptional({ description: 'Item being played now, if any' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  playingItemId?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  volume?: number;

  @ApiPropertyOptional({ example: 'hanet-2.4.1' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  firmware?: string;

  @ApiPropertyOptional({ description: 'Free text, e.g. the last error' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  message?: string;
}

export class PlayReportDto {
  @ApiProperty({ description: 'itemId from the playlist' })
  @Matches(/^\d{1,18}$/)
  itemId!: string;

  @ApiProperty({ enum: ['start', 'end', 'failure'] })
  @IsIn(['start', 'end', 'failure'])
  event!: 'start' | 'end' | 'failure';

  @ApiProperty({ example: '2026-11-23T23:00:05Z', description: 'When it happened on the device (ISO 8601)' })
  @IsInstant()
  at!: string;

  @ApiPropertyOptional({ description: 'Why playing failed (event failure)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  error?: string;
}
