import { ConfigError, DEV_METRICS_TOKEN, loadConfig } from './app-config.js';

const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'x'.repeat(40),
  SECRETS_KEY: '00'.repeat(32),
};

describe('metrics configuration', () => {
  it('uses the development token outside production and turns metrics off in production without one', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).metrics).toEqual({
      token: DEV_METRICS_TOKEN,
      workerHost: '127.0.0.1',
      workerPort: 9464,
      workerHeartbeatStaleSeconds: 60,
    });
    expect(loadConfig(PRODUCTION).metrics.token).toBeNull();
    expect(loadConfig({ ...PRODUCTION, METRICS_TOKEN: '' }).metrics.token).toBeNull();
    expect(loadConfig({ ...PRODUCTION, METRICS_TOKEN: 'scrape-token-of-the-province' }).metrics.token).toBe('scrape-token-of-the-province');
  });

  it('names each bad variable', () => {
    let error: unknown;
    try {
      loadConfig({ METRICS_TOKEN: 'short token', WORKER_METRICS_PORT: '70000', WORKER_HEARTBEAT_STALE_SECONDS: '5' });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('METRICS_TOKEN');
    expect(message).toContain('WORKER_METRICS_PORT');
    expect(message).toContain('WORKER_HEARTBEAT_STALE_SECONDS');
  });
});
