import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { AuthModule } from '#services/auth/auth.module.js';
import { JobQueue } from '#queue/index.js';
import { ADMIN_QUEUES_PATH } from './admin-queues-cookie.js';
import { AdminQueuesController } from './admin-queues.controller.js';
import { AdminQueuesGate } from './admin-queues.gate.js';

/** Bull Board at /admin/queues over every queue of the catalogue (each shard of a sharded one), read-only, behind AdminQueuesGate (admins only). */
@Module({
  imports: [AuthModule],
  controllers: [AdminQueuesController],
  providers: [AdminQueuesGate],
})
export class AdminQueuesApiModule implements NestModule {
  constructor(private readonly jobs: JobQueue) {}

  configure(consumer: MiddlewareConsumer): void {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(ADMIN_QUEUES_PATH);
    createBullBoard({
      // Read-only: promoting a delayed run-occurrence job would send a broadcast before its time, and
      // the reconciler, not a click, is what repairs a lost or failed job.
      queues: this.jobs.all().map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'tincoso' } },
    });
    consumer.apply(AdminQueuesGate, serverAdapter.getRouter()).forRoutes(ADMIN_QUEUES_PATH, `${ADMIN_QUEUES_PATH}/{*rest}`);
  }
}
