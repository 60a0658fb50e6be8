import { Module } from '@nestjs/common';
import { CalendarModule } from '#services/calendar/calendar.module.js';
import { LoudspeakersModule } from '#loudspeaker/loudspeakers.module.js';
import { StationProgrammeController } from './station-programme.controller.js';
import { StationsController } from './stations.controller.js';

@Module({ imports: [LoudspeakersModule, CalendarModule], controllers: [StationsController, StationProgrammeController] })
export class LoudspeakersApiModule {}
