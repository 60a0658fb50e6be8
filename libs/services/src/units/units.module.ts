import { Module } from '@nestjs/common';
import { UnitImportRepository } from '#persistence/repositories/unit-import.repository.js';
import { UnitUsageRepository } from '#persistence/repositories/unit-usage.repository.js';
import { UnitImportService } from './unit-import.service.js';
import { UnitsService } from './units.service.js';

/** The administrative tree: reads scoped to the caller, villages, and the import of the official lists. */
@Module({
  providers: [UnitImportRepository, UnitUsageRepository, UnitImportService, UnitsService],
  exports: [UnitImportService, UnitsService],
})
export class UnitsModule {}
