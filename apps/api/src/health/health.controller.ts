import { Controller, Get, HttpException, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { FieldProblem } from '#domain/index.js';
import { REDIS } from '#queue/index.js';
import { Public } from '../auth/public.decorator.js';
import { LivenessDto, ReadinessDto } from './health.dto.js';

type Check = { status: 'up' | 'down'; error?: string };

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** Liveness: the process answers. */
  @Get()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ type: LivenessDto })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: Postgres and Redis answer within a second; a 503 names each one that does not. */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: Postgres and Redis answer' })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ description: 'details name each dependency that is down' })
  async ready(): Promise<{ status: 'ok'; checks: Record<string, Check> }> {
    const [postgres, redis] = await Promise.all([
      probe(() => this.db.query('SELECT 1')),
      probe(() => this.redis.ping()),
    ]);
    const checks = { postgres, redis };
    const down: FieldProblem[] = Object.entries(checks)
      .filter(([, check]) => check.status === 'down')
      .map(([name, check]) => ({ field: name, rule: 'down', message: check.error ?? 'không phản hồi' }));
    if (down.length > 0) throw new HttpException({ message: 'Dịch vụ chưa sẵn sàng', details: down }, 503);
    return { status: 'ok', checks };
  }
}

async function probe(fn: () => Promise<unknown>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out after 1000 ms')), 1000);
      }),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
