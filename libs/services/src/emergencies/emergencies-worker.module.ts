import { Module } from '@nestjs/common';
import { CompleteEmergencyChangesHandler } from './complete-emergency-changes.handler.js';
import { EmergenciesModule } from './emergencies.module.js';

/** The worker's part of emergencies: completing the changes whose propagation a crash or Redis interrupted. */
@Module({
  imports: [EmergenciesModule],
  providers: [CompleteEmergencyChangesHandler],
})
export class EmergenciesWorkerModule {}
