import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { JobQueue } from './job-queue.service.js';
import { createRedis, type RedisClient } from './redis.js';

/** The app's Redis connection (a RedisClient: a single Redis or a Cluster, see redis.ts). */
export const REDIS = Symbol('REDIS');

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** Redis for the app (throttling, leases, readiness) and every BullMQ queue of the catalogue. */
@Global()
@Module({
  providers: [
    { provide: REDIS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createRedis(config, 'app') },
    RedisCloser,
    JobQueue,
  ],
  exports: [REDIS, JobQueue],
})
export class QueueModule {}
