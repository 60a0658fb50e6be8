import { ConfigError, loadEnvBlock, type EnvSource, type EnvSpec, type EnvValues } from './env-block.js';
import { baseUrl, bool, hexKey, hostPortList, int, match, oneOf, optionalMatch, str, timeZone, url, type Parser } from './env-parsers.js';
import { capFeeds, type CapFeedConfig } from './cap-feeds.js';

export { ConfigError };

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

/** Used only outside production, so that a fresh machine runs with no variable set. */
const DEV_JWT_SECRET = 'tincoso-development-secret-not-for-production-use';
/** Development-only key for channel secrets at rest (same rule as DEV_JWT_SECRET). */
const DEV_SECRETS_KEY = '746e636f736f2d6465762d6b65792d6e6f742d666f722d70726f64756374696f';
/** The scrape token outside production when METRICS_TOKEN is unset (docs/operations/prometheus.yml uses it). */
export const DEV_METRICS_TOKEN = 'tincoso-development-metrics-token';

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
  /**
   * Redis Cluster seed nodes (`host:port`); empty: a single Redis at `redisUrl`. When set, every
   * connection is an ioredis Cluster, with the credentials and TLS of `redisUrl`.
   */
  redisClusterNodes: { host: string; port: number }[];
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
  /**
   * Loudspeaker speech: the engine (checked against the loudspeaker package's registry at boot) and
   * the deployment's default voice, an id of that engine's voices (null: the engine's own default).
   */
  loudspeakerTts: { engine: string; voice: string | null };
  /** A bulletin board silent (no heartbeat) for longer than this is shown offline. */
  boardOfflineAfterSeconds: number;
  /** How long a board slide stays up when its broadcast does not replace it sooner. */
  boardSlideDays: number;
  unitsDataDir: string;
  /** The built web console the api serves at `/`; absent in an API-only deployment. */
  consoleDir: string;
  /** How long one HTTP request may take, upload included (Node's own limit of 5 minutes cuts large imports on slow links). */
  httpRequestTimeoutSeconds: number;
  engine: EngineConfig;
  /**
   * Monthly partitions of delivery and delivery_attempt: how many are kept ready past the current
   * month, and how many months are kept besides the current one (older ones are dropped once the
   * reports' rollup holds them; 0: kept for ever). docs/operations.md, "Delivery partitions".
   */
  deliveryPartitions: { aheadMonths: number; retentionMonths: number };
  sms: SmsConfig;
  secrets: { key: string; oldKeys: string[] };
  social: SocialConfig;
  worker: { lockDurationMs: number; stalledIntervalMs: number };
  /** CAP Atom feeds polled every minute by the worker (CAP_FEEDS; docs/emergencies.md). */
  cap: { feeds: CapFeedConfig[] };
  /**
   * Prometheus exposition: `/metrics` on the api and on the worker's own listener, both behind
   * `Authorization: Bearer <token>` (null: metrics off, production without METRICS_TOKEN); the
   * worker's listener (port 0: none) and how old its heartbeat may be before readiness says so.
   */
  metrics: { token: string | null; workerHost: string; workerPort: number; workerHeartbeatStaleSeconds: number };
  /**
   * The environment this configuration was read from. Blocks that a package reads and validates
   * itself (each SMS provider's, see #sms/sms-providers.ts) come from here, so a test configures
   * them in-process the same way as the rest.
   */
  env: EnvSource;
}

export interface EngineConfig {
  reconcileIntervalSeconds: number;
  /** A delivery still 'sending' after this long is marked 'unknown' and verified before any resend. */
  sendingTimeoutSeconds: number;
  /** How far ahead recurring broadcasts are expanded into occurrences. */
  recurrenceHorizonDays: number;
}

export interface SmsConfig {
  /**
   * 'auto', 'sandbox' or the name of a registered provider (checked against the registry at boot,
   * see #sms/sms-providers.ts); each provider reads its own variables (TWILIO_*, ...).
   */
  provider: string;
  pricePerPartVnd: number;
  defaultMaxParts: number;
  batchSize: number;
  sendConcurrency: number;
  workerConcurrency: number;
  urgentWorkerConcurrency: number;
  /** Queues each SMS lane is spread over (each its own hash tag, so a cluster's masters share the work). */
  queueShards: number;
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

/** Every variable tincoso reads. Keep config/.env.example and docs/configuration.md in step. */
export const ENV_SPEC = {
  NODE_ENV: { parse: oneOf(NODE_ENVS), default: 'development' },
  HOST: { parse: str({ minLength: 1 }), default: '0.0.0.0' },
  PORT: { parse: int({ min: 1, max: 65535 }), default: '3000' },
  PUBLIC_BASE_URL: { parse: baseUrl(['http', 'https']), default: 'http://localhost:3000' },
  DATABASE_URL: { parse: url(['postgres', 'postgresql']), default: 'postgres://postgres@127.0.0.1:5432/tincoso' },
  REDIS_URL: { parse: url(['redis', 'rediss']), default: 'redis://127.0.0.1:6379/0' },
  REDIS_CLUSTER_NODES: { parse: hostPortList(), default: '' },
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
  TTS_ENGINE: { parse: match(/^[a-z0-9-]+$/, 'a speech engine name such as espeak-ng or fpt-ai'), default: 'espeak-ng' },
  LOUDSPEAKER_TTS_VOICE: { parse: optionalMatch(/^[A-Za-z0-9-]+$/, 'a voice id of the chosen speech engine') },
  BOARD_OFFLINE_AFTER_SECONDS: { parse: int({ min: 10, max: 7 * 86_400 }), default: '300' },
  BOARD_SLIDE_DAYS: { parse: int({ min: 1, max: 366 }), default: '7' },
  UNITS_DATA_DIR: { parse: str({ minLength: 1 }), default: './data/units' },
  CONSOLE_DIR: { parse: str({ minLength: 1 }), default: './dist/console' },
  HTTP_REQUEST_TIMEOUT_SECONDS: { parse: int({ min: 30, max: 7200 }), default: '1800' },
  WORKER_LOCK_DURATION_MS: { parse: int({ min: 1000, max: 600_000 }), default: '30000' },
  WORKER_STALLED_INTERVAL_MS: { parse: int({ min: 1000, max: 600_000 }), default: '30000' },
  RECONCILE_INTERVAL_SECONDS: { parse: int({ min: 1, max: 3600 }), default: '30' },
  SENDING_TIMEOUT_SECONDS: { parse: int({ min: 1, max: 86_400 }), default: '120' },
  RECURRENCE_HORIZON_DAYS: { parse: int({ min: 1, max: 366 }), default: '14' },
  DELIVERY_PARTITIONS_AHEAD_MONTHS: { parse: int({ min: 1, max: 24 }), default: '3' },
  DELIVERY_RETENTION_MONTHS: { parse: int({ min: 0, max: 1200 }), default: '0' },
  SMS_PROVIDER: { parse: match(/^[a-z][a-z0-9-]*$/, 'auto, sandbox or the name of a registered SMS provider'), default: 'auto' },
  SMS_PRICE_PER_PART_VND: { parse: int({ min: 0 }), default: '800' },
  SMS_DEFAULT_MAX_PARTS: { parse: int({ min: 1, max: 10 }), default: '3' },
  SMS_BATCH_SIZE: { parse: int({ min: 1, max: 10_000 }), default: '500' },
  SMS_SEND_CONCURRENCY: { parse: int({ min: 1, max: 1000 }), default: '32' },
  SMS_WORKER_CONCURRENCY: { parse: int({ min: 1, max: 100 }), default: '4' },
  SMS_URGENT_WORKER_CONCURRENCY: { parse: int({ min: 1, max: 100 }), default: '2' },
  SMS_QUEUE_SHARDS: { parse: int({ min: 1, max: 64 }), default: '1' },
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
  CAP_FEEDS: { parse: capFeeds(), default: '' },
  METRICS_TOKEN: { parse: optionalMatch(/^[\x21-\x7e]{16,}$/, 'at least 16 printable characters without spaces') },
  WORKER_METRICS_HOST: { parse: str({ minLength: 1 }), default: '127.0.0.1' },
  WORKER_METRICS_PORT: { parse: int({ min: 0, max: 65535 }), default: '9464' },
  WORKER_HEARTBEAT_STALE_SECONDS: { parse: int({ min: 10, max: 3600 }), default: '60' },
} satisfies EnvSpec;

type Parsed = EnvValues<typeof ENV_SPEC>;

/** A package's own block of variables (an SMS provider's...): its problems in an environment, [] when none. */
export type EnvBlockCheck = (env: EnvSource) => string[];

/**
 * Reads and validates the environment; throws one ConfigError naming every bad or missing variable,
 * those of the packages' own blocks (`blocks`, checked at process start) included.
 */
export function loadConfig(env: EnvSource = process.env, blocks: readonly EnvBlockCheck[] = []): AppConfig {
  const problems: string[] = [];
  let v: Parsed | undefined;
  try {
    v = loadEnvBlock(ENV_SPEC, env, crossFieldProblems);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  for (const check of blocks) problems.push(...check(env));
  if (!v || problems.length > 0) throw new ConfigError(problems);
  return {
    nodeEnv: v.NODE_ENV,
    host: v.HOST,
    port: v.PORT,
    publicBaseUrl: v.PUBLIC_BASE_URL,
    databaseUrl: v.DATABASE_URL,
    redisUrl: v.REDIS_URL,
    redisClusterNodes: v.REDIS_CLUSTER_NODES,
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
    loudspeakerTts: { engine: v.TTS_ENGINE, voice: v.LOUDSPEAKER_TTS_VOICE },
    boardOfflineAfterSeconds: v.BOARD_OFFLINE_AFTER_SECONDS,
    boardSlideDays: v.BOARD_SLIDE_DAYS,
    unitsDataDir: v.UNITS_DATA_DIR,
    consoleDir: v.CONSOLE_DIR,
    httpRequestTimeoutSeconds: v.HTTP_REQUEST_TIMEOUT_SECONDS,
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
    cap: { feeds: v.CAP_FEEDS },
    metrics: {
      token: v.METRICS_TOKEN ?? (v.NODE_ENV === 'production' ? null : DEV_METRICS_TOKEN),
      workerHost: v.WORKER_METRICS_HOST,
      workerPort: v.WORKER_METRICS_PORT,
      workerHeartbeatStaleSeconds: v.WORKER_HEARTBEAT_STALE_SECONDS,
    },
    env: Object.freeze({ ...env }),
    engine: {
      reconcileIntervalSeconds: v.RECONCILE_INTERVAL_SECONDS,
      sendingTimeoutSeconds: v.SENDING_TIMEOUT_SECONDS,
      recurrenceHorizonDays: v.RECURRENCE_HORIZON_DAYS,
    },
    deliveryPartitions: { aheadMonths: v.DELIVERY_PARTITIONS_AHEAD_MONTHS, retentionMonths: v.DELIVERY_RETENTION_MONTHS },
    sms: {
      provider: v.SMS_PROVIDER,
      pricePerPartVnd: v.SMS_PRICE_PER_PART_VND,
      defaultMaxParts: v.SMS_DEFAULT_MAX_PARTS,
      batchSize: v.SMS_BATCH_SIZE,
      sendConcurrency: v.SMS_SEND_CONCURRENCY,
      workerConcurrency: v.SMS_WORKER_CONCURRENCY,
      urgentWorkerConcurrency: v.SMS_URGENT_WORKER_CONCURRENCY,
      queueShards: v.SMS_QUEUE_SHARDS,
      ratePerSecond: v.SMS_RATE_PER_SECOND,
      maxAttempts: v.SMS_MAX_ATTEMPTS,
      backoffBaseMs: v.SMS_BACKOFF_BASE_MS,
      backoffCapMs: v.SMS_BACKOFF_CAP_MS,
    },
  };
}

function crossFieldProblems(v: Parsed): string[] {
  const problems: string[] = [];
  if (v.SMS_BACKOFF_CAP_MS < v.SMS_BACKOFF_BASE_MS) problems.push('SMS_BACKOFF_CAP_MS must be ≥ SMS_BACKOFF_BASE_MS');
  const db = new URL(v.REDIS_URL).pathname.replace(/^\//, '');
  if (v.REDIS_CLUSTER_NODES.length > 0 && db !== '' && db !== '0') {
    problems.push(`REDIS_URL must name database 0 (or none) when REDIS_CLUSTER_NODES is set: a Redis Cluster has only database 0 (got /${db})`);
  }
  return problems;
}

export function isDevelopmentSecretsKey(config: AppConfig): boolean {
  return config.secrets.key === DEV_SECRETS_KEY;
}

export function isDevelopmentJwtSecret(config: AppConfig): boolean {
  return config.jwtSecret === DEV_JWT_SECRET;
}
