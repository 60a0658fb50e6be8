import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Cron, SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { JOBS, JobQueue } from '#queue/index.js';
import { ReconcilerService } from '#engine/dispatch/reconciler.service.js';

/**
 * Time-driven work. Cron triggers only enqueue (deterministic ids keep replicas from doubling work);
 * the reconciler runs on its own interval under a Redis lease, once at start-up too.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SchedulerService.name);
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly jobs: JobQueue,
    private readonly reconciler: ReconcilerService,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      // While a pass runs, ticks are skipped: shutdown then waits for that pass, not for a tick that found the lease taken.
      if (this.running) return;
      this.running = this.reconciler
        .runExclusive()
        .catch((err) => this.logger.error({ err }, 'reconcile failed'))
        .finally(() => {
          this.running = undefined;
        });
    };
    tick();
    this.registry.addInterval('reconciler', setInterval(tick, this.config.engine.reconcileIntervalSeconds * 1000));
    // A worker back after a long stop must not wait for the hourly tick to get the current month's partition.
    this.enqueueDeliveryPartitions().catch((err) => this.logger.error({ err }, 'could not enqueue the delivery partitions upkeep'));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('interval', 'reconciler')) this.registry.deleteInterval('reconciler');
    await this.running;
  }

  @Cron('17 3 * * *', { name: 'purge-refresh-tokens', timeZone: 'Asia/Ho_Chi_Minh' })
  async enqueuePurgeRefreshTokens(): Promise<void> {
    await this.jobs.add(JOBS.purgeRefreshTokens, { payload: { day: new Date().toISOString().slice(0, 10) } });
  }

  /** Hourly and at start-up: partitions ahead of the calendar, retention applied (docs/operations.md). */
  @Cron('41 * * * *', { name: 'delivery-partitions' })
  async enqueueDeliveryPartitions(): Promise<void> {
    await this.jobs.add(JOBS.upkeepDeliveryPartitions, { payload: { hour: new Date().toISOString().slice(0, 13).replace(/[-T]/g, '') } });
  }

  @Cron('*/5 * * * * *', { name: 'roll-up-reports' })
  async enqueueRollUpReports(): Promise<void> {
    await this.jobs.add(JOBS.rollUpReports, { payload: { slot: String(Math.floor(Date.now() / 5000)) } });
  }

  /** Emergency updates and cancellations a crash or Redis kept from their devices, platforms and queues (the 15-second tick in the id keeps replicas from doubling it). */
  @Cron('*/15 * * * * *', { name: 'emergency-changes' })
  async enqueueEmergencyChanges(): Promise<void> {
    await this.jobs.add(JOBS.completeEmergencyChanges, { payload: { slot: String(Math.floor(Date.now() / 15_000)) } });
  }

  /** Relays past their placement deadline, and upper-level pushes whose audio became ready; the minute in the id keeps replicas from doubling it. */
  @Cron('* * * * *', { name: 'relays' })
  async enqueueRelayWork(): Promise<void> {
    const slot = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '');
    await this.jobs.add(JOBS.placeDueRelays, { payload: { slot } });
    await this.jobs.add(JOBS.promoteSystemPushes, { payload: { slot } });
  }
}
