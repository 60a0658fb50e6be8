import { Module } from '@nestjs/common';
import { CalendarModule } from '../../../../libs/services/src/calendar/calendar.module.js';
import { LoudspeakersModule } from '../../../../libs/services/src/loudspeakers/loudspeakers.module.js';
import { StationProgrammeController } from './station-programme.controller.js';
import { StationsController } from './stations.controller.js';

@Module({ imports: [LoudspeakersModule, CalendarModule], controllers: [StationsController, StationProgrammeController] })
export class LoudspeakersApiModule {}
