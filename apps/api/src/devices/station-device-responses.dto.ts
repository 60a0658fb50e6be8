import { ApiProperty } from '@nestjs/swagger';
import { PRIORITIES, type Priority } from '#domain/index.js';

export class PlaylistAudioDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '/api/v1/devices/stations/media/4b7c1f0e-8a61-4c1e-9f3a-2d5e6f708192', description: 'Fetch with the station token; Range supported' })
  url!: string;
  @ApiProperty({ example: 'audio/mpeg' }) contentType!: string;
  @ApiProperty({ example: 482133 }) sizeBytes!: number;
}

export class PlaylistItemDto {
  @ApiProperty({ example: '1024', description: 'Report plays with this id' }) itemId!: string;
  @ApiProperty({ example: 0 }) position!: number;
  @ApiProperty({ enum: PRIORITIES, enumName: 'Priority' }) priority!: Priority;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) slotId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Bản tin sáng' }) slotLabel!: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-11-23T06:00:00+07:00' }) startsAt!: string;
  @ApiProperty({ example: 95000 }) durationMs!: number;
  @ApiProperty({ example: 'Hướng dẫn nộp hồ sơ trực tuyến' }) title!: string;
  @ApiProperty({ example: 'one-stop-shop' }) contentGroup!: string;
  @ApiProperty({ type: PlaylistAudioDto }) audio!: PlaylistAudioDto;
}

export class StationPlaylistDto {
  @ApiProperty({ format: 'uuid' }) stationId!: string;
  @ApiProperty({ example: '2026-11-23', description: 'Local day of the station' }) date!: string;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) timeZone!: string;
  @ApiProperty({ type: [PlaylistItemDto], description: 'In playing order' }) items!: PlaylistItemDto[];
}

export class StationHeartbeatReplyDto {
  @ApiProperty({ type: String, format: 'date-time' }) lastSeenAt!: Date;
}

export class PlaysAppliedDto {
  @ApiProperty({ example: 2, description: 'Reports recorded' }) applied!: number;
  @ApiProperty({ type: [String], description: 'itemIds not in this station\'s playlist (ignored)' }) unknownItems!: string[];
}
