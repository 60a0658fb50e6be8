import 'reflect-metadata';
import type { ArgumentsHost } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { loadConfig } from '#config/index.js';
import { AllExceptionsFilter } from '../http/all-exceptions.filter.js';
import { HealthController } from './health.controller.js';

const postgresUp = { query: async () => [{ '?column?': 1 }] } as unknown as DataSource;
const postgresDown = {
  query: async () => {
    throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
  },
} as unknown as DataSource;
/** Redis answering, with one worker whose heartbeat is `ageMs` old (none when null); `set` may refuse. */
function redisWith(ageMs: number | null, options: { clusterEnabled?: boolean; refuseSet?: string } = {}): Redis {
  const at = ageMs === null ? null : Date.now() - ageMs;
  const store = new Map<string, string>();
  return {
    info: async () => `# Cluster\r\ncluster_enabled:${options.clusterEnabled ? 1 : 0}\r\n`,
    set: async (key: string, value: string) => {
      if (options.refuseSet) throw new Error(options.refuseSet);
      store.set(key, value);
      return 'OK';
    },
    get: async (key: string) => store.get(key) ?? null,
    zcount: async (_key: string, min: string) => (at !== null && at >= Number(min) ? 1 : 0),
    zrange: async () => (at === null ? [] : ['worker-1', String(at)]),
  } as unknown as Redis;
}
const redisUp = redisWith(1000);
const config = loadConfig({ NODE_ENV: 'test' });

/** What a client receives for the error: status and body, through the one exception filter. */
function answered(error: unknown): { status: number; body: unknown } {
  const sent = { status: 0, body: undefined as unknown };
  const res = {
    setHeader: () => undefined,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ id: 'req-1' }) }) } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(error, host);
  return sent;
}

describe('readiness', () => {
  it('is ok with both checks up', async () => {
    expect(await new HealthController(postgresUp, redisUp, config).ready()).toEqual({
      status: 'ok',
      checks: { postgres: { status: 'up' }, redis: { status: 'up' }, worker: { status: 'up' } },
    });
  });

  it('is degraded, not unavailable, when no worker heartbeat is fresh', async () => {
    expect(await new HealthController(postgresUp, redisWith(75_000), config).ready()).toEqual({
      status: 'degraded',
      checks: {
        postgres: { status: 'up' },
        redis: { status: 'up' },
        worker: { status: 'down', error: 'không có nhịp tim của worker trong 60 giây (lần cuối 75 giây trước)' },
      },
    });
    expect((await new HealthController(postgresUp, redisWith(null), config).ready()).checks.worker).toEqual({
      status: 'down',
      error: 'chưa có worker nào gửi nhịp tim',
    });
  });

  it('answers 503 in the one error body, naming the check that is down and why', async () => {
    const error = await new HealthController(postgresDown, redisUp, config).ready().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(answered(error)).toEqual({
      status: 503,
      body: {
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'Dịch vụ chưa sẵn sàng',
        details: [{ field: 'postgres', rule: 'down', message: 'connect ECONNREFUSED 127.0.0.1:5432' }],
        requestId: 'req-1',
      },
    });
  });

  it('counts a check that does not answer within a second as down', async () => {
    const silent = { info: () => new Promise<never>(() => undefined) } as unknown as Redis;
    const error = await new HealthController(postgresUp, silent, config).ready().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(answered(error).body).toEqual(
      expect.objectContaining({ details: [{ field: 'redis', rule: 'down', message: 'timed out after 1000 ms' }] }),
    );
  });

  it('is down when Redis answers but refuses our commands, naming the refusal', async () => {
    const moved = redisWith(1000, { refuseSet: 'MOVED 12539 127.0.0.1:7101' });
    const error = await new HealthController(postgresUp, moved, config).ready().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(answered(error).body).toEqual(
      expect.objectContaining({ details: [{ field: 'redis', rule: 'down', message: 'MOVED 12539 127.0.0.1:7101' }] }),
    );
  });

  it('is down when a single-Redis connection points at a node of a Redis Cluster', async () => {
    const error = await new HealthController(postgresUp, redisWith(1000, { clusterEnabled: true }), config).ready().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(answered(error).body).toEqual(
      expect.objectContaining({ details: [expect.objectContaining({ field: 'redis', message: expect.stringMatching(/REDIS_CLUSTER_NODES/) })] }),
    );
  });
});
