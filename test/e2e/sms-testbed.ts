import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '#config/index.js';
import { withFakeTwilio } from '#test/engine-config.js';
import { startTestWorker } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { FakeTwilioServer } from '../fakes/fake-twilio.server.js';

export interface SmsTestbed {
  fake: FakeTwilioServer;
  api: TestApi;
  worker: INestApplicationContext;
  province: TestUnit;
  officer: TestUser;
  supervisor: TestUser;
  officerAuth: string;
  supervisorAuth: string;
  close(): Promise<void>;
}

/**
 * The API and a worker in this process, Twilio faked at the HTTP boundary, quiet hours and the daily
 * cap off (tests that need them switch them on), and a province with an officer and a supervisor.
 */
export async function startSmsTestbed(options: { name: string; listen?: boolean; sms?: Partial<AppConfig['sms']> }): Promise<SmsTestbed> {
  const fake = await FakeTwilioServer.start({ recordMessages: true });
  const api = await startTestApi({}, { listen: options.listen, customize: withFakeTwilio(fake, options.sms) });
  const worker = await startTestWorker(api.config);
  await api.db.query(`UPDATE channel_policy SET quiet_start = NULL, quiet_end = NULL, daily_cap = NULL WHERE channel = 'sms'`);
  const province = await createUnit(api.db, { name: options.name, level: 'province' });
  const supervisor = await createUser(api.db, { role: 'supervisor', unit: province });
  const officer = await createUser(api.db, { role: 'officer', unit: province });
  return {
    fake,
    api,
    worker,
    province,
    officer,
    supervisor,
    officerAuth: await bearer(api.http, officer),
    supervisorAuth: await bearer(api.http, supervisor),
    async close() {
      await worker.close();
      await api.close();
      await fake.close();
    },
  };
}
