import { resolve } from 'node:path';
import { loadConfig } from '#config/index.js';
import { createDataSource, runMigrations } from '#persistence/index.js';
import { UnitImportRepository } from '#persistence/repositories/unit-import.repository.js';
import { UnitImportService } from '#services/units/unit-import.service.js';

/** Runs in Jest's globalSetup (compiled): migrations, then the official unit lists. */
export async function prepareTemplate(databaseUrl: string): Promise<void> {
  const dataSource = await createDataSource(databaseUrl).initialize();
  try {
    await runMigrations(dataSource);
    const { unitsDataDir } = loadConfig({ NODE_ENV: 'test', UNITS_DATA_DIR: process.env.UNITS_DATA_DIR });
    const summary = await new UnitImportService(new UnitImportRepository(dataSource)).importOfficialLists(resolve(unitsDataDir));
    const rejected = Object.entries(summary).flatMap(([source, s]) => s.rejected.map((r) => `${source} line ${r.row}: ${r.reason}`));
    if (rejected.length > 0) throw new Error(`official unit lists have rejected rows:\n${rejected.join('\n')}`);
  } finally {
    await dataSource.destroy();
  }
}
