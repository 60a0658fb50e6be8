import { createServer, type AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Redis } from 'ioredis';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import type { AppConfig } from '#config/index.js';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { createTestDatabase } from './test-database.js';
import { testConfig } from './test-config.js';

export interface TestApi {
  app: NestExpressApplication;
  http: ReturnType<typeof supertest>;
  config: AppConfig;
  db: DataSource;
  close(): Promise<void>;
}

export interface TestApiOptions {
  /** Adjusts nested settings (sms, engine...) after the overrides are applied. */
  customize?: (config: AppConfig) => AppConfig;
  /** Listen on a real port (PUBLIC_BASE_URL points at it), for callers outside supertest such as webhooks. */
  listen?: boolean;
}

/** The real API (same bootstrap as production) on a private database and queue prefix. */
export async function startTestApi(overrides: Partial<AppConfig> = {}, options: TestApiOptions = {}): Promise<TestApi> {
  const database = await createTestDatabase();
  const port = options.listen ? await freePort() : null;
  let config = testConfig({ databaseUrl: database.url, ...(port ? { publicBaseUrl: `http://127.0.0.1:${port}` } : {}), ...overrides });
  if (options.customize) config = options.customize(config);
  const app = await createApiApp(config);
  if (port) await app.listen(port, '127.0.0.1');
  else await app.init();
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
    for (const pattern of [`{${config.queuePrefix}:*`, `{${config.queuePrefix}}:*`, `${config.queuePrefix}:*`]) {
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

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
