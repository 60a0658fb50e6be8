import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { PRIORITIES } from '#domain/index.js';

export class ProgrammeQueryDto {
  @ApiProperty({ description: "A local date in the station's zone", example: '2026-12-04' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'Ngày phải có dạng YYYY-MM-DD' })
  date!: string;
}

class ProgrammeItemDto {
  @ApiProperty({ format: 'uuid' }) broadcastId!: string;
  @ApiProperty() messageTitle!: string;
  @ApiProperty({ enum: PRIORITIES, enumName: 'Priority' }) priority!: string;
  @ApiProperty() durationSeconds!: number;
  @ApiProperty({ description: 'The delivery status: planned, sent (handed to the device), delivered (played), failed, cancelled' }) status!: string;
}

class ProgrammeSlotDto {
  @ApiProperty({ format: 'uuid' }) slotId!: string;
  @ApiProperty() label!: string;
  @ApiProperty() startsAt!: Date;
  @ApiProperty() endsAt!: Date;
  @ApiProperty({ type: [ProgrammeItemDto], description: 'In playing order' }) items!: ProgrammeItemDto[];
}

export class StationProgrammeDto {
  @ApiProperty({ format: 'uuid' }) stationId!: string;
  @ApiProperty({ example: '2026-12-04' }) date!: string;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) timeZone!: string;
  @ApiProperty({ type: [ProgrammeSlotDto] }) slots!: ProgrammeSlotDto[];
}
