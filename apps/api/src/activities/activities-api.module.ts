import { Module } from '@nestjs/common';
import { ActivitiesModule } from '#services/activities/activities.module.js';
import { ActivitiesController } from './activities.controller.js';

@Module({
  imports: [ActivitiesModule],
  controllers: [ActivitiesController],
})
export class ActivitiesApiModule {}
