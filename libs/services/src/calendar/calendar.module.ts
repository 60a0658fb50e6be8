import { Module } from '@nestjs/common';
import { BroadcastViewRepository } from '#persistence/repositories/broadcast-view.repository.js';
import { StationRepository } from '#loudspeaker/repositories/station.repository.js';
import { CalendarService } from './calendar.service.js';

/** The calendar of occurrences and the stations' day programmes. */
@Module({ providers: [BroadcastViewRepository, StationRepository, CalendarService], exports: [CalendarService] })
export class CalendarModule {}
