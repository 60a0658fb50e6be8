import { Controller, Get, HttpException, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import type { FieldProblem } from '#domain/index.js';
import { probeRedis, REDIS, WorkerHeartbeats, type RedisClient, type WorkerHeartbeatStatus } from '#queue/index.js';
import { Public } from '../auth/public.decorator.js';
import { LivenessDto, ReadinessDto } from './health.dto.js';

type Check = { status: 'up' | 'down'; error?: string };
type Readiness = { status: 'ok' | 'degraded'; checks: Record<string, Check> };

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private readonly heartbeats: WorkerHeartbeats;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.heartbeats = new WorkerHeartbeats(redis, config.queuePrefix);
  }

  /** Liveness: the process answers. */
  @Get()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ type: LivenessDto })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness: Postgres and Redis answer within a second, or 503 naming each one that does not. Redis
   * must accept our commands (a write and a read under every queue's hash tag), not only answer. The
   * worker's heartbeat is reported too: without a live worker nothing is sent, but the api still
   * serves people, so a stale heartbeat answers 200 with status `degraded`, never takes the api out.
   */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: Postgres and Redis answer; the worker heartbeat is fresh (degraded otherwise)' })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ description: 'details name each dependency that is down' })
  async ready(): Promise<Readiness> {
    const [postgres, redis, worker] = await Promise.all([
      probe(() => this.db.query('SELECT 1')),
      probe(() => probeRedis(this.redis, this.config)),
      this.workerCheck(),
    ]);
    const down: FieldProblem[] = Object.entries({ postgres, redis })
      .filter(([, check]) => check.status === 'down')
      .map(([name, check]) => ({ field: name, rule: 'down', message: check.error ?? 'không phản hồi' }));
    if (down.length > 0) throw new HttpException({ message: 'Dịch vụ chưa sẵn sàng', details: down }, 503);
    return { status: worker.status === 'up' ? 'ok' : 'degraded', checks: { postgres, redis, worker } };
  }

  private async workerCheck(): Promise<Check> {
    const staleSeconds = this.config.metrics.workerHeartbeatStaleSeconds;
    let status: WorkerHeartbeatStatus;
    try {
      status = await withinASecond(() => this.heartbeats.status(staleSeconds));
    } catch (error) {
      return { status: 'down', error: error instanceof Error ? error.message : String(error) };
    }
    if (status.alive > 0) return { status: 'up' };
    if (status.newestAgeSeconds === null) return { status: 'down', error: 'chưa có worker nào gửi nhịp tim' };
    return {
      status: 'down',
      error: `không có nhịp tim của worker trong ${staleSeconds} giây (lần cuối ${Math.round(status.newestAgeSeconds)} giây trước)`,
    };
  }
}

async function probe(fn: () => Promise<unknown>): Promise<Check> {
  try {
    await withinASecond(fn);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  }
}

async function withinASecond<T>(fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      fn(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out after 1000 ms')), 1000);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
