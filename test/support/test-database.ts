import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_SERVER_URL = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const TEMPLATE_DB = process.env.TEST_TEMPLATE_DB ?? 'tincoso_test_template';

export function databaseUrl(name: string): string {
  return `${TEST_SERVER_URL}/${name}`;
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A private database per test file, cloned from the migrated template (schema and the official
 * unit lists), so files run in parallel without seeing each other's rows.
 */
export async function createTestDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `tincoso_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`);
  return {
    name,
    url: databaseUrl(name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
