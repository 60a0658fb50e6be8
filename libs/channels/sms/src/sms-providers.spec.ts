import { ConfigError, loadConfig } from '#config/index.js';
import { SandboxSmsProvider } from './providers/sandbox/sandbox-sms.provider.js';
import { defineSmsProvider } from './sms-provider-entry.js';
import { createSmsProvider, smsProviderProblems, SMS_PROVIDERS } from './sms-providers.js';

const sink = { record: async () => undefined };
const TWILIO = { TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`, TWILIO_AUTH_TOKEN: 't'.repeat(32), TWILIO_FROM: '+15005550006' };
const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), SECRETS_KEY: 'ab'.repeat(32) };

function logger() {
  const warnings: string[] = [];
  return { warnings, log: () => undefined, error: () => undefined, warn: (m: string) => warnings.push(m) };
}

/** The problems createSmsProvider reports at boot for an environment. */
function bootProblems(env: Record<string, string>, registry = SMS_PROVIDERS): string[] {
  try {
    createSmsProvider(loadConfig(env), sink, logger(), registry);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('createSmsProvider', () => {
  it('uses the labelled sandbox when no provider is configured outside production', () => {
    const log = logger();
    const provider = createSmsProvider(loadConfig({}), sink, log);
    expect(provider).toEqual(expect.objectContaining({ name: 'sandbox', sandbox: true }));
    expect(log.warnings.join()).toMatch(/SMS SANDBOX/);
  });

  it('disables SMS with a warning in production without credentials, instead of pretending to send', () => {
    const log = logger();
    const provider = createSmsProvider(loadConfig(PRODUCTION), sink, log);
    expect(provider).toBeNull();
    expect(log.warnings.join()).toMatch(/SMS channel DISABLED/);
  });

  it('uses Twilio when credentials are configured', () => {
    const provider = createSmsProvider(loadConfig(TWILIO), sink, logger());
    expect(provider).toEqual(expect.objectContaining({ name: 'twilio', sandbox: false, accountKey: `twilio:AC${'a'.repeat(32)}` }));
  });

  it('uses Twilio in production too, and the sandbox when asked for even with Twilio configured', () => {
    expect(createSmsProvider(loadConfig({ ...PRODUCTION, ...TWILIO }), sink, logger())?.name).toBe('twilio');
    expect(createSmsProvider(loadConfig({ ...TWILIO, SMS_PROVIDER: 'sandbox' }), sink, logger())).toBeInstanceOf(SandboxSmsProvider);
  });

  it('refuses at boot a provider name nobody registered', () => {
    expect(bootProblems({ SMS_PROVIDER: 'viettel' })).toEqual(['SMS_PROVIDER must be auto, sandbox or one of: twilio, esms (got "viettel")']);
    expect(() => loadConfig({ SMS_PROVIDER: 'Twilio!' })).toThrow(/SMS_PROVIDER must be auto, sandbox or the name of a registered SMS provider/);
  });

  it('refuses a named provider whose variables are not set', () => {
    expect(bootProblems({ SMS_PROVIDER: 'twilio' })).toEqual([
      'SMS_PROVIDER is twilio but its variables are not set (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM, TWILIO_MESSAGING_SERVICE_SID, TWILIO_API_BASE_URL, TWILIO_TIMEOUT_MS)',
    ]);
  });

  it('reads every provider block at boot: a bad or incomplete one fails it, naming the variables, even when unused', () => {
    expect(bootProblems({ SMS_PROVIDER: 'sandbox', TWILIO_FROM: 'not a valid sender!', TWILIO_TIMEOUT_MS: '5' })).toEqual([
      'TWILIO_FROM must be an E.164 number or an alphanumeric sender of up to 11 characters (got "not a valid sender!")',
      'TWILIO_TIMEOUT_MS must be ≥ 100 (got "5")',
    ]);
    expect(bootProblems({ TWILIO_AUTH_TOKEN: 'secret-token-0123456789' })).toEqual([
      'TWILIO_ACCOUNT_SID is required when Twilio is configured',
      'TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID is required when Twilio is configured',
    ]);
    expect(bootProblems({ ...TWILIO, TWILIO_MESSAGING_SERVICE_SID: `MG${'0'.repeat(32)}` })).toEqual([
      'TWILIO_FROM and TWILIO_MESSAGING_SERVICE_SID are exclusive: set one sender',
    ]);
    expect(bootProblems({ TWILIO_AUTH_TOKEN: 'short' }).join()).toContain('TWILIO_AUTH_TOKEN must be at least 16 characters (got "***")');
  });

  it('makes auto choose only when one provider is configured', () => {
    const other = defineSmsProvider({
      name: 'other',
      env: {},
      loadConfig: (env) => (env.OTHER_KEY ? {} : null),
      create: () => new SandboxSmsProvider(sink),
    });
    const registry = [...SMS_PROVIDERS, other];
    expect(createSmsProvider(loadConfig({ ...TWILIO }), sink, logger(), registry)?.name).toBe('twilio');
    expect(bootProblems({ ...TWILIO, OTHER_KEY: 'x' }, registry)).toEqual([
      'SMS_PROVIDER is auto but twilio and other are both configured: name one',
    ]);
    expect(createSmsProvider(loadConfig({ ...TWILIO, OTHER_KEY: 'x', SMS_PROVIDER: 'twilio' }), sink, logger(), registry)?.name).toBe('twilio');
  });

  it('lists the provider problems with the app\'s, in one ConfigError, before anything starts', () => {
    const env = { PORT: 'abc', SMS_PROVIDER: 'twilio', TWILIO_TIMEOUT_MS: '5' };
    expect(() => loadConfig(env, [smsProviderProblems])).toThrow(
      expect.objectContaining({ problems: ['PORT must be a whole number (got "abc")', 'TWILIO_TIMEOUT_MS must be ≥ 100 (got "5")'] }),
    );
    expect(smsProviderProblems({ SMS_PROVIDER: 'Twilio!', TWILIO_FROM: 'no good!' })).toEqual([
      'TWILIO_FROM must be an E.164 number or an alphanumeric sender of up to 11 characters (got "no good!")',
    ]);
    expect(smsProviderProblems({ ...TWILIO })).toEqual([]);
  });
});
