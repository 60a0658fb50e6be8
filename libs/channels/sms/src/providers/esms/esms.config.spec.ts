import { ConfigError } from '#config/env-block.js';
import { loadEsmsConfig } from './esms.config.js';

const VALID = {
  ESMS_API_KEY: 'APIKEY12345678',
  ESMS_SECRET_KEY: 'SECRET12345678',
  ESMS_CALLBACK_SECRET: 'tok_0123456789abcdefghijklmnopqrstuv',
};

const problems = (env: Record<string, string>): string[] => {
  try {
    loadEsmsConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('eSMS configuration', () => {
  it('reads the block with its defaults', () => {
    expect(loadEsmsConfig(VALID)).toEqual({
      apiKey: VALID.ESMS_API_KEY,
      secretKey: VALID.ESMS_SECRET_KEY,
      apiBaseUrl: 'https://rest.esms.vn',
      timeoutMs: 15_000,
      callbackToken: VALID.ESMS_CALLBACK_SECRET,
      smsType: '2',
      sandbox: false,
    });
  });

  it('is not configured when none of its keys is set', () => {
    expect(loadEsmsConfig({ ESMS_TIMEOUT_MS: '2000' })).toBeNull();
  });

  it('once one key is set, requires the others, naming each', () => {
    expect(problems({ ESMS_API_KEY: VALID.ESMS_API_KEY })).toEqual([
      'ESMS_SECRET_KEY is required when eSMS is configured',
      'ESMS_CALLBACK_SECRET is required when eSMS is configured',
    ]);
  });

  it('names each malformed variable without echoing secrets', () => {
    const bad = problems({ ...VALID, ESMS_CALLBACK_SECRET: 'short', ESMS_SMS_TYPE: '1', ESMS_API_BASE_URL: 'ftp://x' });
    expect(bad).toEqual([
      expect.stringMatching(/^ESMS_CALLBACK_SECRET .*\*\*\*/),
      expect.stringMatching(/^ESMS_API_BASE_URL must be a URL/),
      expect.stringMatching(/^ESMS_SMS_TYPE must be one of: 2, 8/),
    ]);
    expect(bad.join(' ')).not.toContain('short');
  });
});
