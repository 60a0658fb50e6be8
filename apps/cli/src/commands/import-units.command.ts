import { resolve } from 'node:path';
import { createDataSource } from '#persistence/index.js';
import { UnitImportRepository } from '#persistence/repositories/unit-import.repository.js';
import { UnitImportService, type ImportSummary } from '#services/units/unit-import.service.js';
import type { CliCommand } from './command.js';

/** Exit status when some rows were refused (EX_DATAERR): the valid rows are imported all the same. */
const ROWS_REJECTED = 65;

export const importUnitsCommand: CliCommand = {
  name: 'import-units',
  summary: 'import the official unit lists from UNITS_DATA_DIR or the given directory (idempotent)',
  async run(config, args) {
    const dir = resolve(args[0] ?? config.unitsDataDir);
    const dataSource = await createDataSource(config.databaseUrl).initialize();
    try {
      const started = Date.now();
      const summary = await new UnitImportService(new UnitImportRepository(dataSource)).importOfficialLists(dir);
      process.stdout.write(`${formatSummary(summary)}done in ${Date.now() - started} ms\n`);
      if (Object.values(summary).some((s) => s.rejected.length > 0)) process.exitCode = ROWS_REJECTED;
    } finally {
      await dataSource.destroy();
    }
  },
};

function formatSummary(summary: ImportSummary): string {
  let out = '';
  for (const [source, s] of Object.entries(summary)) {
    out += `${source}: ${s.inserted} inserted, ${s.updated} updated, ${s.unchanged} unchanged, ${s.rejected.length} rejected\n`;
    for (const r of s.rejected) out += `  line ${r.row}: ${r.reason}\n`;
  }
  return out;
}
