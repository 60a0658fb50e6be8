import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { REDIS, WorkerHeartbeats } from '#queue/index.js';

const BEAT_EVERY_MS = 10_000;

/**
 * Writes this worker's heartbeat to Redis every 10 s, so the api's readiness and metrics can tell
 * whether any worker is taking jobs. A drained shutdown removes it at once.
 */
@Injectable()
export class WorkerHeartbeatService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('worker-heartbeat');
  private readonly heartbeats: WorkerHeartbeats;
  private readonly workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private timer: NodeJS.Timeout | undefined;

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    this.heartbeats = new WorkerHeartbeats(redis, config.queuePrefix);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.heartbeats.beat(this.workerId);
    this.timer = setInterval(() => {
      this.heartbeats.beat(this.workerId).catch((err: unknown) => this.logger.warn({ err }, 'heartbeat not written'));
    }, BEAT_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.heartbeats.forget(this.workerId).catch(() => undefined);
  }
}
