import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from '#config/index.js';

/** Defaults plus a private queue prefix and file store, so tests never share Redis keys or files. */
export function testConfig(overrides: Partial<AppConfig> & { databaseUrl: string }): AppConfig {
  const base = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', WORKER_METRICS_PORT: '0' });
  return {
    ...base,
    queuePrefix: `t${randomBytes(5).toString('hex')}`,
    storageDir: mkdtempSync(join(tmpdir(), 'tincoso-store-')),
    migrateOnStart: false,
    ...overrides,
  };
}
