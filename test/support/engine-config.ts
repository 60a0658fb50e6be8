import type { AppConfig } from '#config/index.js';

/** Twilio pointed at a local fake, small batches and fast timers, so engine tests run in seconds. */
export function withFakeTwilio(fake: { url: string; accountSid: string; authToken: string }, tune: Partial<AppConfig['sms']> = {}) {
  return (config: AppConfig): AppConfig => ({
    ...config,
    sms: {
      ...config.sms,
      provider: 'twilio',
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
      TWILIO_ACCOUNT_SID: fake.accountSid,
      TWILIO_AUTH_TOKEN: fake.authToken,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE_URL: fake.url,
      TWILIO_TIMEOUT_MS: '1500',
    },
  });
}
