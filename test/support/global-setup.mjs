// Jest's globalSetup runs outside Jest's module system, so it uses the compiled build (npm test builds first).
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import pg from 'pg';

const SERVER = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
const TEMPLATE_DB = process.env.TEST_TEMPLATE_DB ?? 'tincoso_test_template';
const DIST = new URL('../../dist/', import.meta.url);

async function admin(sql) {
  const client = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Builds the template every test database is cloned from: the migrated schema plus the official unit lists. */
export default async function globalSetup() {
  const entry = new URL('test/support/template-setup.js', DIST);
  if (!existsSync(entry)) throw new Error('dist/ is missing: run the tests with `npm test`, which builds first');
  await admin(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${TEMPLATE_DB}"`);
  const { prepareTemplate } = await import(entry.href);
  await prepareTemplate(`${SERVER}/${TEMPLATE_DB}`);
}
