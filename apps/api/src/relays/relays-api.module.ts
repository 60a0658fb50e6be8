import { Module } from '@nestjs/common';
import { LoudspeakersModule } from '#loudspeaker/loudspeakers.module.js';
import { RelaysController } from './relays.controller.js';

@Module({ imports: [LoudspeakersModule], controllers: [RelaysController] })
export class RelaysApiModule {}
