import { TTS_VOICES, type TtsVoice } from '#loudspeaker/tts/tts-engine.js';
import { baseUrl, bool, EnvRuleError, hexKey, int, match, oneOf, optionalMatch, optionalUrl, str, timeZone, url, type Parser } from './env-parsers.js';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

/** Used only outside production, so that a fresh machine runs with no variable set. */
const DEV_JWT_SECRET = 'tincoso-development-secret-not-for-production-use';
/** Development-only key for channel secrets at rest (same rule as DEV_JWT_SECRET). */
const DEV_SECRETS_KEY = '746e636f736f2d6465762d6b65792d6e6f742d666f722d70726f64756374696f';

/** A 32-byte key (hex or base64), kept as text: the secret box parses it and derives its id. */
const secretsKey = (): Parser<string> => (raw) => (hexKey(32)(raw), raw);
const secretsKeyList = (): Parser<string[]> => (raw) =>
  raw.split(',').map((k) => k.trim()).filter(Boolean).map((k) => secretsKey()(k));

export interface AppConfig {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  publicBaseUrl: string;
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  migrateOnStart: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  loginMaxAttempts: number;
  loginLockSeconds: number;
  storageDir: string;
  uploadMaxAudioBytes: number;
  uploadMaxImageBytes: number;
  defaultTimeZone: string;
  /** A loudspeaker station silent (no heartbeat) for longer than this is shown offline. */
  stationOfflineAfterSeconds: number;
  /** espeak-ng voice for loudspeaker speech: northern (vi), central or southern accent. */
  loudspeakerTtsVoice: TtsVoice;
  /** A bulletin board silent (no heartbeat) for longer than this is shown offline. */
  boardOfflineAfterSeconds: number;
  /** How long a board slide stays up when its broadcast does not replace it sooner. */
  boardSlideDays: number;
  unitsDataDir: string;
  /** The built web console the api serves at `/`; absent in an API-only deployment. */
  consoleDir: string;
  engine: EngineConfig;
  sms: SmsConfig;
  secrets: { key: string; oldKeys: string[] };
  social: SocialConfig;
  worker: { lockDurationMs: number; stalledIntervalMs: number };
}

export interface EngineConfig {
  reconcileIntervalSeconds: number;
  /** A delivery still 'sending' after this long is marked 'unknown' and verified before any resend. */
  sendingTimeoutSeconds: number;
  /** How far ahead recurring broadcasts are expanded into occurrences. */
  recurrenceHorizonDays: number;
}

export interface SmsConfig {
  provider: 'auto' | 'twilio' | 'sandbox';
  twilio: {
    accountSid: string | null;
    authToken: string | null;
    from: string | null;
    messagingServiceSid: string | null;
    /** Only for tests and demos: where the SDK's requests go instead of api.twilio.com. */
    apiBaseUrl: string | null;
    timeoutMs: number;
  };
  pricePerPartVnd: number;
  defaultMaxParts: number;
  batchSize: number;
  sendConcurrency: number;
  workerConcurrency: number;
  urgentWorkerConcurrency: number;
  ratePerSecond: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffCapMs: number;
}

export interface SocialConfig {
  zaloApiBaseUrl: string;
  zaloOauthBaseUrl: string;
  graphApiBaseUrl: string;
  graphApiVersion: string;
  timeoutMs: number;
  maxAttempts: number;
  /** Zalo access tokens expiring within this many hours are refreshed by the worker's cron. */
  refreshWithinHours: number;
  /**
   * Facebook posts of occurrences due within this many days are handed to Facebook ahead, as
   * scheduled posts (0: every post is sent at its due time).
   */
  facebookScheduleAheadDays: number;
}

interface VarSpec<T> {
  parse: Parser<T>;
  default?: string;
  /** Required when NODE_ENV=production even though a development default exists. */
  requiredInProduction?: boolean;
}

/** Every variable tincoso reads. Keep config/.env.example and docs/configuration.md in step. */
export const ENV_SPEC = {
  NODE_ENV: { parse: oneOf(NODE_ENVS), default: 'development' },
  HOST: { parse: str({ minLength: 1 }), default: '0.0.0.0' },
  PORT: { parse: int({ min: 1, max: 65535 }), default: '3000' },
  PUBLIC_BASE_URL: { parse: baseUrl(['http', 'https']), default: 'http://localhost:3000' },
  DATABASE_URL: { parse: url(['postgres', 'postgresql']), default: 'postgres://postgres@127.0.0.1:5432/tincoso' },
  REDIS_URL: { parse: url(['redis', 'rediss']), default: 'redis://127.0.0.1:6379/0' },
  QUEUE_PREFIX: { parse: str({ minLength: 1 }), default: 'tincoso' },
  MIGRATE_ON_START: { parse: bool(), default: 'true' },
  LOG_LEVEL: { parse: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const), default: 'info' },
  JWT_SECRET: { parse: str({ minLength: 32 }), default: DEV_JWT_SECRET, requiredInProduction: true },
  ACCESS_TOKEN_TTL_SECONDS: { parse: int({ min: 60, max: 86_400 }), default: '900' },
  REFRESH_TOKEN_TTL_SECONDS: { parse: int({ min: 300, max: 90 * 86_400 }), default: String(30 * 86_400) },
  LOGIN_MAX_ATTEMPTS: { parse: int({ min: 1, max: 100 }), default: '5' },
  LOGIN_LOCK_SECONDS: { parse: int({ min: 1, max: 86_400 }), default: '900' },
  STORAGE_DIR: { parse: str({ minLength: 1 }), default: './var/storage' },
  UPLOAD_MAX_AUDIO_BYTES: { parse: int({ min: 1024 }), default: String(20 * 1024 * 1024) },
  UPLOAD_MAX_IMAGE_BYTES: { parse: int({ min: 1024 }), default: String(5 * 1024 * 1024) },
  DEFAULT_TIME_ZONE: { parse: timeZone(), default: 'Asia/Ho_Chi_Minh' },
  STATION_OFFLINE_AFTER_SECONDS: { parse: int({ min: 10, max: 7 * 86_400 }), default: '300' },
  LOUDSPEAKER_TTS_VOICE: { parse: oneOf(TTS_VOICES), default: 'vi' },
  BOARD_OFFLINE_AFTER_SECONDS: { parse: int({ min: 10, max: 7 * 86_400 }), default: '300' },
  BOARD_SLIDE_DAYS: { parse: int({ min: 1, max: 366 }), default: '7' },
  UNITS_DATA_DIR: { parse: str({ minLength: 1 }), default: './data/units' },
  CONSOLE_DIR: { parse: str({ minLength: 1 }), default: './dist/console' },
  WORKER_LOCK_DURATION_MS: { parse: int({ min: 1000, max: 600_000 }), default: '30000' },
  WORKER_STALLED_INTERVAL_MS: { parse: int({ min: 1000, max: 600_000 }), default: '30000' },
  RECONCILE_INTERVAL_SECONDS: { parse: int({ min: 1, max: 3600 }), default: '30' },
  SENDING_TIMEOUT_SECONDS: { parse: int({ min: 1, max: 86_400 }), default: '120' },
  RECURRENCE_HORIZON_DAYS: { parse: int({ min: 1, max: 366 }), default: '14' },
  SMS_PROVIDER: { parse: oneOf(['auto', 'twilio', 'sandbox'] as const), default: 'auto' },
  TWILIO_ACCOUNT_SID: { parse: optionalMatch(/^AC[0-9a-fA-F]{32}$/, 'AC followed by 32 hex digits') },
  TWILIO_AUTH_TOKEN: { parse: optionalMatch(/^\S{16,}$/, 'at least 16 characters') },
  TWILIO_FROM: { parse: optionalMatch(/^(\+[1-9]\d{6,14}|[A-Za-z0-9 ]{1,11})$/, 'an E.164 number or an alphanumeric sender of up to 11 characters') },
  TWILIO_MESSAGING_SERVICE_SID: { parse: optionalMatch(/^MG[0-9a-fA-F]{32}$/, 'MG followed by 32 hex digits') },
  TWILIO_API_BASE_URL: { parse: optionalUrl(['http', 'https']) },
  TWILIO_TIMEOUT_MS: { parse: int({ min: 100, max: 120_000 }), default: '15000' },
  SMS_PRICE_PER_PART_VND: { parse: int({ min: 0 }), default: '800' },
  SMS_DEFAULT_MAX_PARTS: { parse: int({ min: 1, max: 10 }), default: '3' },
  SMS_BATCH_SIZE: { parse: int({ min: 1, max: 10_000 }), default: '500' },
  SMS_SEND_CONCURRENCY: { parse: int({ min: 1, max: 1000 }), default: '32' },
  SMS_WORKER_CONCURRENCY: { parse: int({ min: 1, max: 100 }), default: '4' },
  SMS_URGENT_WORKER_CONCURRENCY: { parse: int({ min: 1, max: 100 }), default: '2' },
  SMS_RATE_PER_SECOND: { parse: int({ min: 1, max: 100_000 }), default: '50' },
  SMS_MAX_ATTEMPTS: { parse: int({ min: 1, max: 50 }), default: '5' },
  SMS_BACKOFF_BASE_MS: { parse: int({ min: 10, max: 3_600_000 }), default: '2000' },
  SMS_BACKOFF_CAP_MS: { parse: int({ min: 10, max: 86_400_000 }), default: '600000' },
  SECRETS_KEY: { parse: secretsKey(), default: DEV_SECRETS_KEY, requiredInProduction: true },
  SECRETS_OLD_KEYS: { parse: secretsKeyList(), default: '' },
  ZALO_API_BASE_URL: { parse: baseUrl(['http', 'https']), default: 'https://openapi.zalo.me' },
  ZALO_OAUTH_BASE_URL: { parse: baseUrl(['http', 'https']), default: 'https://oauth.zaloapp.com' },
  GRAPH_API_BASE_URL: { parse: baseUrl(['http', 'https']), default: 'https://graph.facebook.com' },
  GRAPH_API_VERSION: { parse: match(/^v\d+\.\d+$/, 'a Graph API version such as v25.0'), default: 'v25.0' },
  SOCIAL_TIMEOUT_MS: { parse: int({ min: 100, max: 120_000 }), default: '15000' },
  SOCIAL_MAX_ATTEMPTS: { parse: int({ min: 1, max: 50 }), default: '5' },
  SOCIAL_TOKEN_REFRESH_HOURS: { parse: int({ min: 1, max: 24 }), default: '6' },
  FACEBOOK_SCHEDULE_AHEAD_DAYS: { parse: int({ min: 0, max: 29 }), default: '7' },
} satisfies Record<string, VarSpec<unknown>>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Spec = typeof ENV_SPEC;
type Parsed = { [K in keyof Spec]: ReturnType<Spec[K]['parse']> };

/** Reads and validates the environment; throws ConfigError naming every bad or missing variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const values: Partial<Record<keyof Spec, unknown>> = {};
  const isProduction = env.NODE_ENV === 'production';
  for (const [name, spec] of Object.entries(ENV_SPEC) as [keyof Spec, VarSpec<unknown>][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      if (isProduction && spec.requiredInProduction) {
        problems.push(`${name} is required when NODE_ENV=production`);
        continue;
      }
      if (spec.default === undefined) {
        try {
          values[name] = spec.parse('');
        } catch {
          problems.push(`${name} is required`);
        }
        continue;
      }
      values[name] = spec.parse(spec.default);
      continue;
    }
    try {
      values[name] = spec.parse(raw);
    } catch (error) {
      if (!(error instanceof EnvRuleError)) throw error;
      problems.push(`${name} ${error.message} (got "${redactForMessage(name, raw)}")`);
    }
  }
  if (problems.length === 0) problems.push(...crossFieldProblems(values as Parsed));
  if (problems.length > 0) throw new ConfigError(problems);
  const v = values as Parsed;
  return {
    nodeEnv: v.NODE_ENV,
    host: v.HOST,
    port: v.PORT,
    publicBaseUrl: v.PUBLIC_BASE_URL,
    databaseUrl: v.DATABASE_URL,
    redisUrl: v.REDIS_URL,
    queuePrefix: v.QUEUE_PREFIX,
    migrateOnStart: v.MIGRATE_ON_START,
    logLevel: v.LOG_LEVEL,
    jwtSecret: v.JWT_SECRET,
    accessTokenTtlSeconds: v.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: v.REFRESH_TOKEN_TTL_SECONDS,
    loginMaxAttempts: v.LOGIN_MAX_ATTEMPTS,
    loginLockSeconds: v.LOGIN_LOCK_SECONDS,
    storageDir: v.STORAGE_DIR,
    uploadMaxAudioBytes: v.UPLOAD_MAX_AUDIO_BYTES,
    uploadMaxImageBytes: v.UPLOAD_MAX_IMAGE_BYTES,
    defaultTimeZone: v.DEFAULT_TIME_ZONE,
    stationOfflineAfterSeconds: v.STATION_OFFLINE_AFTER_SECONDS,
    loudspeakerTtsVoice: v.LOUDSPEAKER_TTS_VOICE,
    boardOfflineAfterSeconds: v.BOARD_OFFLINE_AFTER_SECONDS,
    boardSlideDays: v.BOARD_SLIDE_DAYS,
    unitsDataDir: v.UNITS_DATA_DIR,
    consoleDir: v.CONSOLE_DIR,
    secrets: { key: v.SECRETS_KEY, oldKeys: v.SECRETS_OLD_KEYS },
    social: {
      zaloApiBaseUrl: v.ZALO_API_BASE_URL,
      zaloOauthBaseUrl: v.ZALO_OAUTH_BASE_URL,
      graphApiBaseUrl: v.GRAPH_API_BASE_URL,
      graphApiVersion: v.GRAPH_API_VERSION,
      timeoutMs: v.SOCIAL_TIMEOUT_MS,
      maxAttempts: v.SOCIAL_MAX_ATTEMPTS,
      refreshWithinHours: v.SOCIAL_TOKEN_REFRESH_HOURS,
      facebookScheduleAheadDays: v.FACEBOOK_SCHEDULE_AHEAD_DAYS,
    },
    worker: { lockDurationMs: v.WORKER_LOCK_DURATION_MS, stalledIntervalMs: v.WORKER_STALLED_INTERVAL_MS },
    engine: {
      reconcileIntervalSeconds: v.RECONCILE_INTERVAL_SECONDS,
      sendingTimeoutSeconds: v.SENDING_TIMEOUT_SECONDS,
      recurrenceHorizonDays: v.RECURRENCE_HORIZON_DAYS,
    },
    sms: {
      provider: v.SMS_PROVIDER,
      twilio: {
        accountSid: v.TWILIO_ACCOUNT_SID,
        authToken: v.TWILIO_AUTH_TOKEN,
        from: v.TWILIO_FROM,
        messagingServiceSid: v.TWILIO_MESSAGING_SERVICE_SID,
        apiBaseUrl: v.TWILIO_API_BASE_URL,
        timeoutMs: v.TWILIO_TIMEOUT_MS,
      },
      pricePerPartVnd: v.SMS_PRICE_PER_PART_VND,
      defaultMaxParts: v.SMS_DEFAULT_MAX_PARTS,
      batchSize: v.SMS_BATCH_SIZE,
      sendConcurrency: v.SMS_SEND_CONCURRENCY,
      workerConcurrency: v.SMS_WORKER_CONCURRENCY,
      urgentWorkerConcurrency: v.SMS_URGENT_WORKER_CONCURRENCY,
      ratePerSecond: v.SMS_RATE_PER_SECOND,
      maxAttempts: v.SMS_MAX_ATTEMPTS,
      backoffBaseMs: v.SMS_BACKOFF_BASE_MS,
      backoffCapMs: v.SMS_BACKOFF_CAP_MS,
    },
  };
}

function crossFieldProblems(v: Parsed): string[] {
  const problems: string[] = [];
  const anyTwilio = v.TWILIO_ACCOUNT_SID || v.TWILIO_AUTH_TOKEN || v.TWILIO_FROM || v.TWILIO_MESSAGING_SERVICE_SID;
  if (v.SMS_PROVIDER === 'twilio' || anyTwilio) {
    if (!v.TWILIO_ACCOUNT_SID) problems.push('TWILIO_ACCOUNT_SID is required when Twilio is configured');
    if (!v.TWILIO_AUTH_TOKEN) problems.push('TWILIO_AUTH_TOKEN is required when Twilio is configured');
    if (!v.TWILIO_FROM && !v.TWILIO_MESSAGING_SERVICE_SID) {
      problems.push('TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID is required when Twilio is configured');
    }
  }
  if (v.SMS_BACKOFF_CAP_MS < v.SMS_BACKOFF_BASE_MS) problems.push('SMS_BACKOFF_CAP_MS must be ≥ SMS_BACKOFF_BASE_MS');
  return problems;
}

function redactForMessage(name: string, raw: string): string {
  if (/SECRET|AUTH_TOKEN|PASSWORD|_KEY$/.test(name)) return '***';
  return raw.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}

export function isDevelopmentSecretsKey(config: AppConfig): boolean {
  return config.secrets.key === DEV_SECRETS_KEY;
}

export function isDevelopmentJwtSecret(config: AppConfig): boolean {
  return config.jwtSecret === DEV_JWT_SECRET;
}
