import { createDataSource } from '#persistence/index.js';
import { ReportRollupRepository } from '#services/reports/report-rollup.repository.js';
import { RollupService } from '#services/reports/rollup.service.js';
import type { CliCommand } from './command.js';

export const rebuildReportsCommand: CliCommand = {
  name: 'rebuild-reports',
  summary: "recount the reports' rollup (report_daily) from deliveries, occurrences and messages",
  async run(config) {
    const dataSource = await createDataSource(config.databaseUrl).initialize();
    try {
      const rollup = new RollupService(new ReportRollupRepository(dataSource), config);
      const started = Date.now();
      await rollup.rebuild();
      const state = await rollup.state();
      process.stdout.write(`reports rebuilt in ${Date.now() - started} ms; settlements consumed up to ${state.lastSeq}\n`);
    } finally {
      await dataSource.destroy();
    }
  },
};
