import { Module } from '@nestjs/common';
import { LoudspeakersModule } from '../../../../libs/services/src/loudspeakers/loudspeakers.module.js';
import { StationStreamModule } from '../../../../libs/services/src/loudspeakers/station-stream.module.js';
import { StationDevicesController } from './station-devices.controller.js';

@Module({ imports: [LoudspeakersModule, StationStreamModule], controllers: [StationDevicesController] })
export class DevicesApiModule {}
