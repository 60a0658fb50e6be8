import { createDataSource, runMigrations } from '#persistence/index.js';
import type { CliCommand } from './command.js';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'apply pending database migrations (creates the database when it does not exist)',
  async run(config) {
    await ensureDatabase(config.databaseUrl);
    const dataSource = await createDataSource(config.databaseUrl).initialize();
    try {
      const applied = await runMigrations(dataSource);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'schema is up to date\n');
    } finally {
      await dataSource.destroy();
    }
  },
};

/** A fresh machine has a server but not our database: create it through the maintenance database. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`DATABASE_URL names database "${name}"; use letters, digits and _ only`);
  url.pathname = '/postgres';
  const admin = await createDataSource(url.toString(), { entities: [], migrations: [] }).initialize();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.length === 0) {
      await admin.query(`CREATE DATABASE "${name}"`);
      process.stdout.write(`created database ${name}\n`);
    }
  } finally {
    await admin.destroy();
  }
}
