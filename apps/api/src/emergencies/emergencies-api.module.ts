import { Module } from '@nestjs/common';
import { EmergenciesModule } from '#services/emergencies/emergencies.module.js';
import { CapApiModule } from './cap-api.module.js';
import { EmergenciesController } from './emergencies.controller.js';
import { EmergencyChangesController } from './emergency-changes.controller.js';

@Module({
  imports: [EmergenciesModule, CapApiModule],
  controllers: [EmergenciesController, EmergencyChangesController],
})
export class EmergenciesApiModule {}
