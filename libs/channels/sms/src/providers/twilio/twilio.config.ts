import { loadEnvBlock, type EnvSource, type EnvSpec } from '#config/env-block.js';
import { int, optionalMatch, optionalUrl } from '#config/env-parsers.js';

/** Twilio's variables; docs/configuration.md and config/.env.example describe them (checked by sms-providers-env-docs.spec.ts). */
export const TWILIO_ENV = {
  TWILIO_ACCOUNT_SID: { parse: optionalMatch(/^AC[0-9a-fA-F]{32}$/, 'AC followed by 32 hex digits') },
  TWILIO_AUTH_TOKEN: { parse: optionalMatch(/^\S{16,}$/, 'at least 16 characters') },
  TWILIO_FROM: {
    parse: optionalMatch(/^(\+[1-9]\d{6,14}|[A-Za-z0-9 ]{1,11})$/, 'an E.164 number or an alphanumeric sender of up to 11 characters'),
  },
  TWILIO_MESSAGING_SERVICE_SID: { parse: optionalMatch(/^MG[0-9a-fA-F]{32}$/, 'MG followed by 32 hex digits') },
  TWILIO_API_BASE_URL: { parse: optionalUrl(['http', 'https']) },
  TWILIO_TIMEOUT_MS: { parse: int({ min: 100, max: 120_000 }), default: '15000' },
} satisfies EnvSpec;

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** Exactly one of from / messagingServiceSid. */
  from: string | null;
  messagingServiceSid: string | null;
  /** Only for tests and demos: where the SDK's requests go instead of api.twilio.com. */
  apiBaseUrl: string | null;
  timeoutMs: number;
}

/**
 * Twilio's block: null when none of its credentials is set (Twilio is not configured); once any is
 * set, the account, the token and a sender are all required. Throws ConfigError naming the variables.
 */
export function loadTwilioConfig(env: EnvSource): TwilioConfig | null {
  const v = loadEnvBlock(TWILIO_ENV, env, (v) => {
    const anySet = v.TWILIO_ACCOUNT_SID || v.TWILIO_AUTH_TOKEN || v.TWILIO_FROM || v.TWILIO_MESSAGING_SERVICE_SID;
    if (!anySet) return [];
    const problems: string[] = [];
    if (!v.TWILIO_ACCOUNT_SID) problems.push('TWILIO_ACCOUNT_SID is required when Twilio is configured');
    if (!v.TWILIO_AUTH_TOKEN) problems.push('TWILIO_AUTH_TOKEN is required when Twilio is configured');
    if (!v.TWILIO_FROM && !v.TWILIO_MESSAGING_SERVICE_SID) {
      problems.push('TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID is required when Twilio is configured');
    }
    if (v.TWILIO_FROM && v.TWILIO_MESSAGING_SERVICE_SID) {
      problems.push('TWILIO_FROM and TWILIO_MESSAGING_SERVICE_SID are exclusive: set one sender');
    }
    return problems;
  });
  if (!v.TWILIO_ACCOUNT_SID || !v.TWILIO_AUTH_TOKEN) return null;
  return {
    accountSid: v.TWILIO_ACCOUNT_SID,
    authToken: v.TWILIO_AUTH_TOKEN,
    from: v.TWILIO_FROM,
    messagingServiceSid: v.TWILIO_MESSAGING_SERVICE_SID,
    apiBaseUrl: v.TWILIO_API_BASE_URL,
    timeoutMs: v.TWILIO_TIMEOUT_MS,
  };
}
