import { createDataSource, runMigrations } from '../../persistence/src/index.js';

/** Runs in Jest's globalSetup (compiled): migrations, then the official unit lists. */
export async function prepareTemplate(databaseUrl: string): Promise<void> {
  const dataSource = await createDataSource(databaseUrl).initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
