import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '#config/index.js';
import { startTestWorker } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { FakeEsmsServer } from '../fakes/fake-esms.server.js';

export const ESMS_CALLBACK_SECRET = 'esms-e2e-callback-secret-0123456789abcdef';

/** eSMS pointed at the local fake, small batches and fast timers (as withFakeTwilio does for Twilio). */
export function withFakeEsms(fake: FakeEsmsServer, tune: Partial<AppConfig['sms']> = {}) {
  return (config: AppConfig): AppConfig => ({
    ...config,
    sms: {
      ...config.sms,
      provider: 'esms',
      batchSize: 10,
      sendConcurrency: 5,
      workerConcurrency: 3,
      ratePerSecond: 10_000,
      maxAttempts: 4,
      backoffBaseMs: 50,
      backoffCapMs: 300,
      ...tune,
    },
    engine: { reconcileIntervalSeconds: 1, sendingTimeoutSeconds: 3, recurrenceHorizonDays: 14 },
    worker: { lockDurationMs: 3000, stalledIntervalMs: 2000 },
    env: {
      ...config.env,
      ESMS_API_KEY: fake.apiKey,
      ESMS_SECRET_KEY: fake.secretKey,
      ESMS_CALLBACK_SECRET: ESMS_CALLBACK_SECRET,
      ESMS_API_BASE_URL: fake.url,
      ESMS_TIMEOUT_MS: '1500',
    },
  });
}

export interface EsmsTestbed {
  fake: FakeEsmsServer;
  api: TestApi;
  worker: INestApplicationContext;
  province: TestUnit;
  officer: TestUser;
  officerAuth: string;
  supervisorAuth: string;
  close(): Promise<void>;
}

/** The API (listening: eSMS calls it back) and a worker in this process, eSMS faked, quiet hours and the daily cap off. */
export async function startEsmsTestbed(name: string): Promise<EsmsTestbed> {
  const fake = await FakeEsmsServer.start();
  const api = await startTestApi({}, { listen: true, customize: withFakeEsms(fake) });
  const worker = await startTestWorker(api.config);
  await api.db.query(`UPDATE channel_policy SET quiet_start = NULL, quiet_end = NULL, daily_cap = NULL WHERE channel = 'sms'`);
  const province = await createUnit(api.db, { name, level: 'province' });
  const supervisor = await createUser(api.db, { role: 'supervisor', unit: province });
  const officer = await createUser(api.db, { role: 'officer', unit: province });
  return {
    fake,
    api,
    worker,
    province,
    officer,
    officerAuth: await bearer(api.http, officer),
    supervisorAuth: await bearer(api.http, supervisor),
    async close() {
      await worker.close();
      await api.close();
      await fake.close();
    },
  };
}
