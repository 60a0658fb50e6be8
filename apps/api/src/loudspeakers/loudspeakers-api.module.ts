import { Module } from '@nestjs/common';
import { LoudspeakersModule } from '../../../../libs/services/src/loudspeakers/loudspeakers.module.js';
import { StationsController } from './stations.controller.js';

@Module({ imports: [LoudspeakersModule], controllers: [StationsController] })
export class LoudspeakersApiModule {}
