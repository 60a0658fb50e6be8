import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { monthOfPartition, partitionName, addMonths, type Month } from './partition-months.js';

/** The tables partitioned by month (see migration 1795520000000-delivery-partitions). */
export type PartitionedTable = 'delivery' | 'delivery_attempt';
export const PARTITIONED_TABLES: readonly PartitionedTable[] = ['delivery', 'delivery_attempt'];

export interface PartitionRow {
  name: string;
  month: Month;
  /** False for a partition detached by a retention pass that stopped before dropping it. */
  attached: boolean;
  /** A DETACH … CONCURRENTLY that was interrupted: it must be finalized. */
  detachPending: boolean;
}

/** An arbitrary constant: one process at a time changes the partitions. */
const PARTITIONS_LOCK_KEY = 7_261_716_177;

/** Creates, detaches and drops the monthly partitions of delivery and delivery_attempt. */
@Injectable()
export class DeliveryPartitionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Months (UTC) of occurrences still to be planned, from `from` on: their deliveries need a partition. */
  async openOccurrenceMonths(from: Month): Promise<Month[]> {
    const rows: { month: Month }[] = await this.db.query(
      `SELECT DISTINCT to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month FROM occurrence
        WHERE status IN ('pending','held','planned') AND due_at >= $1::timestamptz`,
      [`${from}-01T00:00:00Z`],
    );
    return rows.map((r) => r.month);
  }

  /** The month partitions of `table`, attached or left detached by an interrupted retention pass. */
  async partitions(table: PartitionedTable): Promise<PartitionRow[]> {
    const rows: { name: string; attached: boolean; pending: boolean }[] = await this.db.query(
      `SELECT c.relname AS name, i.inhrelid IS NOT NULL AS attached, COALESCE(i.inhdetachpending, false) AS pending
         FROM pg_class c LEFT JOIN pg_inherits i ON i.inhrelid = c.oid AND i.inhparent = $1::regclass
        WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace AND c.relname LIKE $2
        ORDER BY c.relname`,
      [table, `${table}\\_p%`],
    );
    return rows.flatMap((r) => {
      const month = monthOfPartition(table, r.name);
      return month ? [{ name: r.name, month, attached: r.attached, detachPending: r.pending }] : [];
    });
  }

  /**
   * The month's partition, unless it exists. Created apart and then attached: ATTACH takes a lock
   * that lets deliveries be written meanwhile, where CREATE … PARTITION OF would stop them. Returns
   * whether it was created.
   */
  async ensure(table: PartitionedTable, month: Month): Promise<boolean> {
    const name = partitionName(table, month);
    return this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1)`, [PARTITIONS_LOCK_KEY]);
      await m.query(`SET LOCAL lock_timeout = '10s'`);
      const [{ exists }] = await m.query(`SELECT to_regclass($1) IS NOT NULL AS exists`, [`public.${name}`]);
      if (exists) return false;
      await m.query(`CREATE TABLE "${name}" (LIKE "${table}" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
      await m.query(
        `ALTER TABLE "${table}" ATTACH PARTITION "${name}"
           FOR VALUES FROM ('${month}-01 00:00:00+00') TO ('${addMonths(month, 1)}-01 00:00:00+00')`,
      );
      return true;
    });
  }

  /**
   * Takes the partition out of its table without blocking the other months' readers and writers
   * (CONCURRENTLY, which cannot run in a transaction; there is no default partition, which would
   * forbid it). An interrupted earlier detach is finalized instead.
   */
  async detach(table: PartitionedTable, partition: PartitionRow): Promise<void> {
    await this.db.query(`ALTER TABLE "${table}" DETACH PARTITION "${partition.name}" ${partition.detachPending ? 'FINALIZE' : 'CONCURRENTLY'}`);
  }

  /** Playlist items and board slides of a detached delivery partition's rows (they have no foreign key to cascade from). */
  async removeDependents(partition: PartitionRow): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(`DELETE FROM station_playlist_item WHERE delivery_id IN (SELECT id FROM "${partition.name}")`);
      await m.query(`DELETE FROM board_slide WHERE delivery_id IN (SELECT id FROM "${partition.name}")`);
    });
  }

  async drop(partition: PartitionRow): Promise<void> {
    if (partition.attached) throw new Error(`${partition.name} is still attached`);
    await this.db.query(`DROP TABLE IF EXISTS "${partition.name}"`);
  }
}
