import { Module } from '@nestjs/common';
import { EngineModule } from '#engine/engine.module.js';
import { MessageContentRepository } from '#persistence/index.js';
import { MessageRepository } from '#persistence/repositories/message.repository.js';
import { AuthModule } from '../auth/auth.module.js';
import { CapDraftsService } from './cap-drafts.service.js';
import { CapExportService } from './cap-export.service.js';
import { CapFeedPoller } from './cap-feed-poller.service.js';
import { CapImportService } from './cap-import.service.js';
import { CapMessageRepository } from './cap-message.repository.js';
import { CapSourceIdentities } from './cap-source-identity.js';
import { EmergenciesModule } from './emergencies.module.js';
import { EmergencyPlanner } from './emergency-planner.js';
import { EmergencyRepository } from './emergency.repository.js';
import { SupervisorPassword } from './supervisor-password.js';

/** CAP 1.2 in and out: the messages issued and received, export (alerts, Atom feeds), import and feed polling. */
@Module({
  imports: [EmergenciesModule, EngineModule, AuthModule],
  providers: [
    EmergencyRepository,
    MessageRepository,
    MessageContentRepository,
    EmergencyPlanner,
    SupervisorPassword,
    CapMessageRepository,
    CapSourceIdentities,
    CapDraftsService,
    CapExportService,
    CapImportService,
    CapFeedPoller,
  ],
  exports: [CapExportService, CapImportService, CapDraftsService, CapFeedPoller],
})
export class CapModule {}
