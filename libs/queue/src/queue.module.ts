import { BullModule } from '@nestjs/bullmq';
import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { QUEUES, queuePrefix } from './catalogue.js';
import { JobQueue } from './job-queue.service.js';
import { createRedis } from './redis.js';

export const REDIS = Symbol('REDIS');

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** Redis for the app (throttling, readiness) and every BullMQ queue of the catalogue. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.redisUrl, maxRetriesPerRequest: null },
        prefix: queuePrefix(config.queuePrefix),
      }),
    }),
    BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name }))),
  ],
  providers: [
    { provide: REDIS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createRedis(config.redisUrl, 'app') },
    RedisCloser,
    JobQueue,
  ],
  exports: [REDIS, BullModule, JobQueue],
})
export class QueueModule {}
