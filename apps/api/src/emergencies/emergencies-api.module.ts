import { Module } from '@nestjs/common';
import { EmergenciesModule } from '#services/emergencies/emergencies.module.js';
import { EmergenciesController } from './emergencies.controller.js';

@Module({
  imports: [EmergenciesModule],
  controllers: [EmergenciesController],
})
export class EmergenciesApiModule {}
