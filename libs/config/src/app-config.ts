import { bool, EnvRuleError, int, oneOf, str, timeZone, url, type Parser } from './env-parsers.js';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

/** Used only outside production, so that a fresh machine runs with no variable set. */
const DEV_JWT_SECRET = 'tincoso-development-secret-not-for-production-use';

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
  unitsDataDir: string;
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
  PUBLIC_BASE_URL: { parse: url(['http', 'https']), default: 'http://localhost:3000' },
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
  UNITS_DATA_DIR: { parse: str({ minLength: 1 }), default: './data/units' },
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
        problems.push(`${name} is required`);
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
  if (problems.length > 0) throw new ConfigError(problems);
  const v = values as Parsed;
  return {
    nodeEnv: v.NODE_ENV,
    host: v.HOST,
    port: v.PORT,
    publicBaseUrl: v.PUBLIC_BASE_URL.replace(/\/$/, ''),
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
    unitsDataDir: v.UNITS_DATA_DIR,
  };
}

function redactForMessage(name: string, raw: string): string {
  if (/SECRET|TOKEN|PASSWORD|KEY/.test(name)) return '***';
  return raw.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}

export function isDevelopmentJwtSecret(config: AppConfig): boolean {
  return config.jwtSecret === DEV_JWT_SECRET;
}
