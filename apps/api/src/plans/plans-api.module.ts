import { Module } from '@nestjs/common';
import { PlansModule } from '#services/plans/plans.module.js';
import { PlansController } from './plans.controller.js';

@Module({
  imports: [PlansModule],
  controllers: [PlansController],
})
export class PlansApiModule {}
