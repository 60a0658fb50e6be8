import { loadEnvBlock, type EnvSource, type EnvSpec } from '#config/env-block.js';
import { baseUrl, bool, int, oneOf, optionalMatch } from '#config/env-parsers.js';

/** eSMS's variables; docs/configuration.md and config/.env.example describe them (checked by sms-providers-env-docs.spec.ts). */
export const ESMS_ENV = {
  ESMS_API_KEY: { parse: optionalMatch(/^\S{8,}$/, 'at least 8 characters without spaces') },
  ESMS_SECRET_KEY: { parse: optionalMatch(/^\S{8,}$/, 'at least 8 characters without spaces') },
  ESMS_CALLBACK_SECRET: { parse: optionalMatch(/^[A-Za-z0-9_-]{32,200}$/, 'at least 32 URL-safe characters (A-Z a-z 0-9 _ -)') },
  ESMS_API_BASE_URL: { parse: baseUrl(['http', 'https']), default: 'https://rest.esms.vn' },
  ESMS_TIMEOUT_MS: { parse: int({ min: 100, max: 120_000 }), default: '15000' },
  ESMS_SMS_TYPE: { parse: oneOf(['2', '8'] as const), default: '2' },
  ESMS_SANDBOX: { parse: bool(), default: 'false' },
} satisfies EnvSpec;

/** eSMS.vn's settings for this deployment; each province's brandname and templates are data (sms_sender_profile). */
export interface EsmsConfig {
  apiKey: string;
  secretKey: string;
  /** https://rest.esms.vn in production; a local fake in tests and demos. No trailing slash. */
  apiBaseUrl: string;
  /** Past this, a request that was written ends as OutcomeUnknownError; one never written is retried. */
  timeoutMs: number;
  /**
   * eSMS signs nothing it calls back: our CallbackUrl carries this token (`t=`) and a report without
   * it is refused. Rotating it refuses the reports of messages sent before the rotation.
   */
  callbackToken: string;
  /** 2: customer care under the province's brandname (templates apply); 8: eSMS's fixed-number route, no brandname. */
  smsType: '2' | '8';
  /** eSMS's Sandbox=1: requests are checked and answered, nothing is sent or charged. */
  sandbox: boolean;
}

/**
 * eSMS's block: null when none of its keys is set (eSMS is not configured); once one is, the key, the
 * secret and the callback secret are all required. Throws ConfigError naming the variables.
 */
export function loadEsmsConfig(env: EnvSource): EsmsConfig | null {
  const v = loadEnvBlock(ESMS_ENV, env, (v) => {
    if (!v.ESMS_API_KEY && !v.ESMS_SECRET_KEY && !v.ESMS_CALLBACK_SECRET) return [];
    return (['ESMS_API_KEY', 'ESMS_SECRET_KEY', 'ESMS_CALLBACK_SECRET'] as const).filter((name) => !v[name]).map((name) => `${name} is required when eSMS is configured`);
  });
  if (!v.ESMS_API_KEY || !v.ESMS_SECRET_KEY || !v.ESMS_CALLBACK_SECRET) return null;
  return {
    apiKey: v.ESMS_API_KEY,
    secretKey: v.ESMS_SECRET_KEY,
    apiBaseUrl: v.ESMS_API_BASE_URL,
    timeoutMs: v.ESMS_TIMEOUT_MS,
    callbackToken: v.ESMS_CALLBACK_SECRET,
    smsType: v.ESMS_SMS_TYPE,
    sandbox: v.ESMS_SANDBOX,
  };
}
