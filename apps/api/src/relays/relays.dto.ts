import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { RELAY_STATUSES, type RelayStatus } from '#persistence/entities/relay.entity.js';
import { IsInstant } from '../http/date-time.validators.js';
import { PageQueryDto } from '../http/pagination.dto.js';

const OUTCOMES = ['waiting', 'scheduled', 'played', 'missed'] as const;

export class RelayListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: RELAY_STATUSES, enumName: 'RelayStatus', description: 'waiting: still to be placed by the commune' })
  @IsOptional()
  @IsIn(RELAY_STATUSES)
  status?: RelayStatus;
}

export class PlaceRelayDto {
  @ApiProperty({ format: 'uuid', description: "A slot of the commune's stations (own or their group's)" })
  @IsUUID()
  slotId!: string;

  @ApiProperty({ type: String, format: 'date-time', description: 'The start of the airing of that slot (from GET /relays/{id}/airings)' })
  @IsInstant()
  airsAt!: string;
}

export class RelaySettingDto {
  @ApiProperty({ minimum: 1, maximum: 168, description: 'Hours a commune has to place a normal bulletin before it is placed in the first free airing' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(168)
  deadlineHours!: number;
}

export class RelayResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'uuid' }) broadcastId!: string;
  @ApiProperty({ format: 'uuid' }) occurrenceId!: string;
  @ApiProperty({ type: String, format: 'date-time' }) dueAt!: string;
  @ApiProperty({ format: 'uuid', description: 'The commune' }) unitId!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty({ format: 'uuid', description: 'The province or district that sent it' }) sourceUnitId!: string;
  @ApiProperty() sourceUnitName!: string;
  @ApiProperty() title!: string;
  @ApiProperty() contentGroup!: string;
  @ApiProperty({ format: 'uuid' }) audioId!: string;
  @ApiProperty() durationMs!: number;
  @ApiProperty({ type: String, format: 'date-time', description: 'Placed automatically in the first free airing after this' }) deadlineAt!: string;
  @ApiProperty({ enum: RELAY_STATUSES, enumName: 'RelayStatus' }) status!: RelayStatus;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) slotId!: string | null;
  @ApiProperty({ nullable: true, type: String }) slotLabel!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) airsAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) placedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) placedAt!: string | null;
  @ApiProperty({ description: "The commune's stations it is for" }) stations!: number;
}

export class RelayPageDto {
  @ApiProperty({ type: [RelayResponseDto] }) items!: RelayResponseDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class RelayAiringDto {
  @ApiProperty({ format: 'uuid' }) slotId!: string;
  @ApiProperty() slotLabel!: string;
  @ApiProperty({ type: String, format: 'date-time' }) airsAt!: string;
  @ApiProperty({ description: 'Stations of the commune that air it' }) stations!: number;
  @ApiProperty({ description: 'Of those, how many still have room for the relay' }) withRoom!: number;
}

export class RelayReportLineDto {
  @ApiProperty() relayId!: string;
  @ApiProperty({ format: 'uuid' }) occurrenceId!: string;
  @ApiProperty({ type: String, format: 'date-time' }) dueAt!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty({ enum: RELAY_STATUSES, enumName: 'RelayStatus', description: 'placed: by an officer; auto-placed: after the deadline' }) status!: RelayStatus;
  @ApiProperty({ type: String, format: 'date-time' }) deadlineAt!: string;
  @ApiProperty({ nullable: true, type: String }) slotLabel!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) airsAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) placedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) placedByName!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) placedAt!: string | null;
  @ApiProperty() stations!: number;
  @ApiProperty({ description: 'Stations that played it to the end' }) played!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() cancelled!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastEndsAt!: string | null;
  @ApiProperty({ enum: OUTCOMES, enumName: 'RelayOutcome' }) outcome!: (typeof OUTCOMES)[number];
}

export class RelaySettingResponseDto {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() deadlineHours!: number;
  @ApiProperty({ description: 'false: the default (24 hours) applies' }) own!: boolean;
}
