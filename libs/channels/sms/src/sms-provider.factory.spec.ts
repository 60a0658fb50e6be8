import { loadConfig } from '#config/index.js';
import { createSmsProvider } from './sms-provider.factory.js';

const sink = { record: async () => undefined };

function logger() {
  const warnings: string[] = [];
  return { warnings, log: () => undefined, error: () => undefined, warn: (m: string) => warnings.push(m) };
}

describe('createSmsProvider', () => {
  it('uses the labelled sandbox when no Twilio credentials are set outside production', () => {
    const log = logger();
    const provider = createSmsProvider(loadConfig({}), sink, log);
    expect(provider).toEqual(expect.objectContaining({ name: 'sandbox', sandbox: true }));
    expect(log.warnings.join()).toMatch(/SMS SANDBOX/);
  });

  it('disables SMS with a warning in production without credentials, instead of pretending to send', () => {
    const log = logger();
    const provider = createSmsProvider(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), SECRETS_KEY: 'ab'.repeat(32) }), sink, log);
    expect(provider).toBeNull();
    expect(log.warnings.join()).toMatch(/SMS channel DISABLED/);
  });

  it('uses Twilio when credentials are configured', () => {
    const provider = createSmsProvider(
      loadConfig({ TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`, TWILIO_AUTH_TOKEN: 't'.repeat(32), TWILIO_FROM: '+15005550006' }),
      sink,
      logger(),
    );
    expect(provider).toEqual(expect.objectContaining({ name: 'twilio', sandbox: false, accountKey: `twilio:AC${'a'.repeat(32)}` }));
  });
});
