import { ApiProperty } from '@nestjs/swagger';
import type { StationKind } from '#persistence/index.js';

export const STATION_KINDS: StationKind[] = ['ip-cluster', 'commune-radio', 'district-radio'];

export class StationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Asia/Ho_Chi_Minh', description: "The unit's own time zone, when it sets one" })
  timeZone!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) groupId!: string | null;
  @ApiProperty({ example: 'Cụm loa thôn Đông' }) name!: string;
  @ApiProperty({ enum: STATION_KINDS, enumName: 'StationKind' }) kind!: StationKind;
  @ApiProperty({ type: String, nullable: true, example: 'Hanet' }) vendor!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Nhà văn hóa thôn Đông' }) location!: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) villageIds!: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Last heartbeat' }) lastSeenAt!: Date | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'What the last heartbeat reported' })
  lastStatus!: Record<string, unknown> | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ description: 'A heartbeat within STATION_OFFLINE_AFTER_SECONDS' }) online!: boolean;
}

export class StationPageDto {
  @ApiProperty({ type: [StationDto] }) items!: StationDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class SlotDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Bản tin sáng' }) label!: string;
  @ApiProperty({ type: [Number], example: [1, 2, 3, 4, 5], description: '1 = Monday … 7 = Sunday' }) daysOfWeek!: number[];
  @ApiProperty({ example: '06:00', description: 'Local time HH:MM' }) startTime!: string;
  @ApiProperty({ example: '06:30', description: 'Local time HH:MM; at or before the start: the next day' }) endTime!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-01' }) validFrom!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2027-03-31' }) validUntil!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) stationId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) groupId!: string | null;
}

export class StationDetailDto extends StationDto {
  @ApiProperty({ type: [SlotDto], description: "The station's own slots and its group's" }) slots!: SlotDto[];
}

export class StationWithTokenDto {
  @ApiProperty({ type: StationDto }) station!: StationDto;
  @ApiProperty({ description: 'The device token; shown only here and on rotation' }) token!: string;
}

export class DeviceTokenDto {
  @ApiProperty({ description: 'The new device token; the old one stopped working' }) token!: string;
}

export class GroupDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ example: 'Loa các thôn phía Bắc' }) name!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class GroupDetailDto extends GroupDto {
  @ApiProperty({ type: [SlotDto] }) slots!: SlotDto[];
}

export class AirtimeDayDto {
  @ApiProperty({ example: '2026-11-23', description: 'Local day' }) day!: string;
  @ApiProperty({ example: 12.5 }) minutes!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { 'one-stop-shop': 12.5 }, description: 'Minutes per content group' })
  byContentGroup!: Record<string, number>;
}

export class AirtimeDto {
  @ApiProperty({ format: 'uuid' }) stationId!: string;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) timeZone!: string;
  @ApiProperty({ example: '2026-11-01' }) from!: string;
  @ApiProperty({ example: '2026-11-30' }) to!: string;
  @ApiProperty({ example: 12.5, description: 'Minutes played to the end' }) totalMinutes!: number;
  @ApiProperty({ type: [AirtimeDayDto] }) days!: AirtimeDayDto[];
}
