import { Module } from '@nestjs/common';
import { BroadcastViewsModule } from '#engine/broadcast-views.module.js';
import { EngineModule } from '#engine/engine.module.js';
import { BroadcastRepository, MessageContentRepository } from '#persistence/index.js';
import { MessageRepository } from '#persistence/repositories/message.repository.js';
import { AuthModule } from '../auth/auth.module.js';
import { EmergenciesService } from './emergencies.service.js';
import { EmergencyChangePropagation } from './emergency-change-propagation.js';
import { EmergencyChangeRepository } from './emergency-change.repository.js';
import { EmergencyChangesService } from './emergency-changes.service.js';
import { EmergencyFollowUps } from './emergency-follow-up.js';
import { EmergencyPlanner } from './emergency-planner.js';
import { EmergencyPolicyService } from './emergency-policy.service.js';
import { EmergencyPreviewService } from './emergency-preview.service.js';
import { EmergencyRepository } from './emergency.repository.js';
import { SupervisorPassword } from './supervisor-password.js';

@Module({
  imports: [EngineModule, BroadcastViewsModule, AuthModule],
  providers: [
    EmergencyRepository,
    MessageRepository,
    MessageContentRepository,
    BroadcastRepository,
    EmergencyPlanner,
    SupervisorPassword,
    EmergenciesService,
    EmergencyPreviewService,
    EmergencyPolicyService,
    EmergencyChangeRepository,
    EmergencyFollowUps,
    EmergencyChangePropagation,
    EmergencyChangesService,
  ],
  exports: [EmergenciesService, EmergencyPreviewService, EmergencyPolicyService, EmergencyChangesService, EmergencyChangeRepository, EmergencyChangePropagation],
})
export class EmergenciesModule {}
