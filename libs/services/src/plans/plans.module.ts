import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module.js';
import { PlanProgressRepository } from './plan-progress.repository.js';
import { PlanProgressService } from './plan-progress.service.js';
import { PlanRepository } from './plan.repository.js';
import { PlansService } from './plans.service.js';

/** Communication plans (kế hoạch thông tin, tuyên truyền CCHC): targets, overrides and progress. */
@Module({
  imports: [AttachmentsModule],
  providers: [PlanRepository, PlanProgressRepository, PlansService, PlanProgressService],
  exports: [PlansService, PlanProgressService],
})
export class PlansModule {}
