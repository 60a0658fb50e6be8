import type { NestExpressApplication } from '@nestjs/platform-express';
import { Redis } from 'ioredis';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/src/index.js';
import { createApiApp } from '../../../apps/api/src/bootstrap.js';
import { createTestDatabase } from './test-database.js';
import { testConfig } from './test-config.js';

export interface TestApi {
  app: NestExpressApplication;
  http: ReturnType<typeof supertest>;
  config: AppConfig;
  db: DataSource;
  close(): Promise<void>;
}

/** The real API (same bootstrap as production) on a private database and queue prefix. */
export async function startTestApi(overrides: Partial<AppConfig> = {}): Promise<TestApi> {
  const database = await createTestDatabase();
  const config = testConfig({ databaseUrl: database.url, ...overrides });
  const app = await createApiApp(config);
  await app.init();
  return {
    app,
    http: supertest(app.getHttpServer()),
    config,
    db: app.get(DataSource),
    async close() {
      await app.close();
      await clearQueueKeys(config);
      await database.drop();
    },
  };
}

export async function clearQueueKeys(config: AppConfig): Promise<void> {
  const redis = new Redis(config.redisUrl);
  try {
    for (const pattern of [`{${config.queuePrefix}}:*`, `${config.queuePrefix}:*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
  } finally {
    await redis.quit();
  }
}
