import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { RollupService } from '../reports/rollup.service.js';
import { DeliveryPartitionRepository, PARTITIONED_TABLES, type PartitionRow } from './delivery-partition.repository.js';
import { addMonths, monthOf, partitionPlan, type Month } from './partition-months.js';

/** Rollup passes one retention run may take to empty the outbox before it gives up (and retries later). */
const MAX_ROLLUP_PASSES = 50;

export interface PartitionUpkeep {
  created: string[];
  dropped: string[];
}

/**
 * Keeps the monthly partitions of delivery and delivery_attempt ahead of the calendar (and of every
 * occurrence still to be planned: a month with no partition refuses its deliveries), and applies the
 * retention: a month older than DELIVERY_RETENTION_MONTHS is detached, the reports' rollup is brought
 * up to date so it holds that month's totals (its outbox rows were all written before the detach), the
 * month's playlist items and board slides go, then the partition is dropped. A run stopped half-way
 * is finished by the next one.
 */
@Injectable()
export class DeliveryPartitionService {
  private readonly logger = new Logger(DeliveryPartitionService.name);

  constructor(
    private readonly partitions: DeliveryPartitionRepository,
    private readonly rollup: RollupService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upkeep(now = new Date()): Promise<PartitionUpkeep> {
    const { aheadMonths, retentionMonths } = this.config.deliveryPartitions;
    const open = await this.partitions.openOccurrenceMonths(addMonths(monthOf(now), -1));
    const plan = partitionPlan(now, aheadMonths, retentionMonths, open);
    const created: string[] = [];
    for (const table of PARTITIONED_TABLES) {
      for (const month of plan.create) {
        if (await this.partitions.ensure(table, month)) created.push(`${table}:${month}`);
      }
    }
    const dropped = plan.keepFrom ? await this.retire(plan.keepFrom) : [];
    if (created.length || dropped.length) this.logger.log({ created, dropped }, 'delivery partitions changed');
    return { created, dropped };
  }

  private async retire(keepFrom: Month): Promise<string[]> {
    const dropped: string[] = [];
    const old = (rows: PartitionRow[]) => rows.filter((p) => p.month < keepFrom);
    const deliveries = old(await this.partitions.partitions('delivery'));
    // Drained before the detach too: the rollup counts a finished SMS fan-out from its delivery rows
    // (report_sms_settled), which a detached month no longer shows; what the engine changes in the
    // month after that goes through the outboxes, drained again once it is detached.
    if (deliveries.some((p) => p.attached)) await this.drainRollup();
    for (const p of deliveries) if (p.attached) await this.partitions.detach('delivery', p);
    if (deliveries.length > 0) await this.drainRollup();
    for (const p of deliveries) {
      await this.partitions.removeDependents(p);
      await this.partitions.drop({ ...p, attached: false });
      dropped.push(p.name);
    }
    for (const p of old(await this.partitions.partitions('delivery_attempt'))) {
      if (p.attached) await this.partitions.detach('delivery_attempt', p);
      await this.partitions.drop({ ...p, attached: false });
      dropped.push(p.name);
    }
    return dropped;
  }

  /** Counts every pending settlement into the rollup; throws (the job retries) while another process holds it. */
  private async drainRollup(): Promise<void> {
    for (let pass = 0; pass < MAX_ROLLUP_PASSES; pass += 1) {
      const counted = await this.rollup.rollUp();
      if (counted === null) throw new Error('the reports rollup is busy; old delivery partitions stay detached until the next run');
      if (counted === 0) return;
    }
    throw new Error(`the reports rollup still had rows after ${MAX_ROLLUP_PASSES} passes; old delivery partitions stay detached until the next run`);
  }
}
