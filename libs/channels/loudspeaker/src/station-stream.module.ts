import { Module } from '@nestjs/common';
import { StationEventsHub } from './station-events.js';

/** The api's Redis subscription for station change streams; the worker never subscribes. */
@Module({ providers: [StationEventsHub], exports: [StationEventsHub] })
export class StationStreamModule {}
