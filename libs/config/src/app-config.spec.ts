import { ConfigError, isDevelopmentJwtSecret, isDevelopmentSecretsKey, loadConfig } from './app-config.js';

/** The problems loadConfig reports for an environment, or [] when it loads. */
function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

const PRODUCTION_SECRET = 'a-production-secret-of-at-least-32-characters';
const PRODUCTION_KEY = 'ab'.repeat(32);
const OLD_KEY = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('loads the documented defaults from an empty environment', () => {
    const config = loadConfig({});
    // objectContaining: variables added later for new channels must not break this test, only be documented.
    expect(config).toEqual(expect.objectContaining({
      nodeEnv: 'development',
      host: '0.0.0.0',
      port: 3000,
      publicBaseUrl: 'http://localhost:3000',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/tincoso',
      redisUrl: 'redis://127.0.0.1:6379/0',
      queuePrefix: 'tincoso',
      migrateOnStart: true,
      logLevel: 'info',
      jwtSecret: expect.any(String),
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 30 * 86_400,
      loginMaxAttempts: 5,
      loginLockSeconds: 900,
      storageDir: './var/storage',
      uploadMaxAudioBytes: 20 * 1024 * 1024,
      uploadMaxImageBytes: 5 * 1024 * 1024,
      defaultTimeZone: 'Asia/Ho_Chi_Minh',
      unitsDataDir: './data/units',
    }));
    expect(isDevelopmentJwtSecret(config)).toBe(true);
  });

  it('treats an empty value like an unset one', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: '' })).toEqual(expect.objectContaining({ port: 3000, logLevel: 'info' }));
  });

  it('parses given values into their types', () => {
    const config = loadConfig({
      PORT: '8080',
      MIGRATE_ON_START: 'no',
      PUBLIC_BASE_URL: 'https://tincoso.example.gov.vn/',
      DEFAULT_TIME_ZONE: 'Asia/Bangkok',
      LOG_LEVEL: 'debug',
    });
    expect(config).toEqual(
      expect.objectContaining({
        port: 8080,
        migrateOnStart: false,
        publicBaseUrl: 'https://tincoso.example.gov.vn',
        defaultTimeZone: 'Asia/Bangkok',
        logLevel: 'debug',
      }),
    );
  });

  it('drops the trailing slash of every base URL and reads the Graph API version', () => {
    const config = loadConfig({
      ZALO_API_BASE_URL: 'https://zalo.example/',
      ZALO_OAUTH_BASE_URL: 'https://oauth.zalo.example/',
      GRAPH_API_BASE_URL: 'https://graph.example/',
      GRAPH_API_VERSION: 'v26.0',
    });
    expect(config.social).toEqual(
      expect.objectContaining({
        zaloApiBaseUrl: 'https://zalo.example',
        zaloOauthBaseUrl: 'https://oauth.zalo.example',
        graphApiBaseUrl: 'https://graph.example',
        graphApiVersion: 'v26.0',
      }),
    );
    expect(loadConfig({}).social.graphApiVersion).toBe('v25.0');
  });

  it.each([
    ['GRAPH_API_VERSION', '25', 'GRAPH_API_VERSION must be a Graph API version such as v25.0 (got "25")'],
    ['PORT', 'abc', 'PORT must be a whole number (got "abc")'],
    ['PORT', '70000', 'PORT must be ≤ 65535 (got "70000")'],
    ['PORT', '0', 'PORT must be ≥ 1 (got "0")'],
    ['DATABASE_URL', 'mysql://root@db/tincoso', 'DATABASE_URL must be a URL with scheme postgres or postgresql (got "mysql://root@db/tincoso")'],
    ['REDIS_URL', 'http://x', 'REDIS_URL must be a URL with scheme redis or rediss (got "http://x")'],
    ['PUBLIC_BASE_URL', 'not a url', 'PUBLIC_BASE_URL must be a URL (got "not a url")'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of: fatal, error, warn, info, debug, trace, silent (got "loud")'],
    ['NODE_ENV', 'staging', 'NODE_ENV must be one of: development, test, production (got "staging")'],
    ['DEFAULT_TIME_ZONE', 'Mars/Base', 'DEFAULT_TIME_ZONE must be an IANA time zone such as Asia/Ho_Chi_Minh (got "Mars/Base")'],
    ['MIGRATE_ON_START', 'maybe', 'MIGRATE_ON_START must be true or false (got "maybe")'],
    ['LOGIN_MAX_ATTEMPTS', '0', 'LOGIN_MAX_ATTEMPTS must be ≥ 1 (got "0")'],
  ])('refuses %s=%s naming the variable and the rule', (name, value, expected) => {
    expect(problemsOf({ [name]: value })).toEqual([expected]);
  });

  it('reads SMS_PROVIDER as a name and keeps the environment for the blocks packages read themselves', () => {
    // Which names exist is the SMS package's registry's to say, at boot (sms-providers.spec.ts).
    const env = { SMS_PROVIDER: 'esms', TWILIO_FROM: 'anything: checked by the Twilio block' };
    const config = loadConfig(env);
    expect(config.sms.provider).toBe('esms');
    expect(config.env).toEqual(env);
    expect(Object.isFrozen(config.env)).toBe(true);
    expect(problemsOf({ SMS_PROVIDER: 'Twilio' })).toEqual([
      'SMS_PROVIDER must be auto, sandbox or the name of a registered SMS provider (got "Twilio")',
    ]);
  });

  it('reads the speech engine and default voice as names, checked against the engine registry later (loudspeaker package)', () => {
    expect(loadConfig({}).loudspeakerTts).toEqual({ engine: 'espeak-ng', voice: null });
    expect(loadConfig({ TTS_ENGINE: 'fpt-ai', LOUDSPEAKER_TTS_VOICE: 'lannhi' }).loudspeakerTts).toEqual({ engine: 'fpt-ai', voice: 'lannhi' });
    expect(problemsOf({ TTS_ENGINE: 'FPT AI', LOUDSPEAKER_TTS_VOICE: 'ban mai' })).toEqual([
      'TTS_ENGINE must be a speech engine name such as espeak-ng or fpt-ai (got "FPT AI")',
      'LOUDSPEAKER_TTS_VOICE must be a voice id of the chosen speech engine (got "ban mai")',
    ]);
  });

  it('reads Redis Cluster seed nodes and SMS queue shards, a single Redis and one shard by default', () => {
    expect(loadConfig({}).redisClusterNodes).toEqual([]);
    expect(loadConfig({}).sms.queueShards).toBe(1);
    const config = loadConfig({ REDIS_CLUSTER_NODES: 'redis-a:7000, 10.0.0.2:7001,[::1]:7002', SMS_QUEUE_SHARDS: '3' });
    expect(config.redisClusterNodes).toEqual([
      { host: 'redis-a', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
      { host: '::1', port: 7002 },
    ]);
    expect(config.sms.queueShards).toBe(3);
  });

  it('refuses a malformed cluster node, too many shards, and a cluster with a database other than 0', () => {
    expect(problemsOf({ REDIS_CLUSTER_NODES: 'redis-a', SMS_QUEUE_SHARDS: '65' })).toEqual([
      'REDIS_CLUSTER_NODES must be a comma-separated list of host:port (bad item "redis-a") (got "redis-a")',
      'SMS_QUEUE_SHARDS must be ≤ 64 (got "65")',
    ]);
    expect(problemsOf({ REDIS_CLUSTER_NODES: 'redis-a:7000', REDIS_URL: 'redis://redis-a:7000/2' })).toEqual([
      'REDIS_URL must name database 0 (or none) when REDIS_CLUSTER_NODES is set: a Redis Cluster has only database 0 (got /2)',
    ]);
    expect(problemsOf({ REDIS_CLUSTER_NODES: 'redis-a:7000', REDIS_URL: 'redis://:pw@redis-a:7000' })).toEqual([]);
  });

  it('reports every problem at once, in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', DEFAULT_TIME_ZONE: 'Mars/Base' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems.map((p) => p.split(' ')[0])).toEqual(['PORT', 'LOG_LEVEL', 'DEFAULT_TIME_ZONE']);
    expect(message).toBe(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  });

  it('refuses production without JWT_SECRET rather than falling back to the development secret', () => {
    expect(problemsOf({ NODE_ENV: 'production', SECRETS_KEY: PRODUCTION_KEY })).toEqual(['JWT_SECRET is required when NODE_ENV=production']);
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: PRODUCTION_SECRET, SECRETS_KEY: PRODUCTION_KEY });
    expect(config.jwtSecret).toBe(PRODUCTION_SECRET);
    expect(isDevelopmentJwtSecret(config)).toBe(false);
  });

  it('refuses production without SECRETS_KEY, and a key that is not 32 bytes without echoing it', () => {
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: PRODUCTION_SECRET })).toEqual(['SECRETS_KEY is required when NODE_ENV=production']);
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: PRODUCTION_SECRET, SECRETS_KEY: PRODUCTION_KEY, SECRETS_OLD_KEYS: ` ${OLD_KEY} ,` });
    expect(config.secrets).toEqual({ key: PRODUCTION_KEY, oldKeys: [OLD_KEY] });
    expect(isDevelopmentSecretsKey(config)).toBe(false);
    expect(isDevelopmentSecretsKey(loadConfig({}))).toBe(true);
    const short = 'abcdef0123456789';
    const problems = problemsOf({ SECRETS_KEY: short, SECRETS_OLD_KEYS: 'not-a-key' });
    expect(problems).toEqual([
      'SECRETS_KEY must be 32 bytes, hex (64 characters) or base64 (got "***")',
      'SECRETS_OLD_KEYS must be 32 bytes, hex (64 characters) or base64 (got "***")',
    ]);
    expect(problems.join('\n')).not.toContain(short);
  });

  it('refuses a short JWT_SECRET without echoing it', () => {
    const secret = 'short-but-secret';
    const problems = problemsOf({ JWT_SECRET: secret });
    expect(problems).toEqual(['JWT_SECRET must be at least 32 characters long (got "***")']);
    expect(problems.join('\n')).not.toContain(secret);
  });

  it('masks the password of a connection URL it refuses', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://tincoso:s3cret-pw@db:3306/tincoso' });
    expect(problems).toEqual([
      'DATABASE_URL must be a URL with scheme postgres or postgresql (got "mysql://tincoso:***@db:3306/tincoso")',
    ]);
    expect(problems.join('\n')).not.toContain('s3cret-pw');
  });
});
