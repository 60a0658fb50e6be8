import 'reflect-metadata';
import type { ArgumentsHost } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { AllExceptionsFilter } from '../http/all-exceptions.filter.js';
import { HealthController } from './health.controller.js';

const postgresUp = { query: async () => [{ '?column?': 1 }] } as unknown as DataSource;
const postgresDown = {
  query: async () => {
    throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
  },
} as unknown as DataSource;
const redisUp = { ping: async () => 'PONG' } as unknown as Redis;

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
    expect(await new HealthController(postgresUp, redisUp).ready()).toEqual({
      status: 'ok',
      checks: { postgres: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('answers 503 in the one error body, naming the check that is down and why', async () => {
    const error = await new HealthController(postgresDown, redisUp).ready().then(
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
    const silent = { ping: () => new Promise<never>(() => undefined) } as unknown as Redis;
    const error = await new HealthController(postgresUp, silent).ready().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(answered(error).body).toEqual(
      expect.objectContaining({ details: [{ field: 'redis', rule: 'down', message: 'timed out after 1000 ms' }] }),
    );
  });
});
