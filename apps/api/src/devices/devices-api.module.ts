import { Module } from '@nestjs/common';
import { LoudspeakersModule } from '#loudspeaker/loudspeakers.module.js';
import { StationStreamModule } from '#loudspeaker/station-stream.module.js';
import { StationDevicesController } from './station-devices.controller.js';

@Module({ imports: [LoudspeakersModule, StationStreamModule], controllers: [StationDevicesController] })
export class DevicesApiModule {}
