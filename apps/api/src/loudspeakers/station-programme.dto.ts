import { ApiProperty } from '@nestjs/swagger';
import {  } from 'class-validator';
import { PRIORITIES } from '#domain/index.js';
import { IsCalendarDay } from '../http/date-time.validators.js';

export class ProgrammeQueryDto {
  @ApiProperty({ description: "A local date in the station's zone", example: '2026-12-04' })
  @IsCalendarDay()
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
