import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deliveries and their attempts partitioned by month (RANGE, UTC month bounds, no default partition):
 * `delivery` by the new `due_at` (its occurrence's due time, the same for every row of an occurrence
 * and never changed, so the unique (occurrence, channel, endpoint) key still refuses duplicates however
 * many transactions plan an occurrence), `delivery_attempt` by its own `started_at` (it has no unique
 * key but its id). Primary keys become (id, partition key); the foreign keys board_slide and
 * station_playlist_item had on delivery(id) cannot reference a partitioned table by id alone, so they
 * go (retention removes those rows with their month, see DeliveryPartitionRepository).
 *
 * Existing rows are copied into a new partitioned table that then takes the old name; indexes, checks,
 * triggers (the reports' outbox triggers, created after the copy so nothing is counted twice) and the
 * identity sequence's position are carried over. Runs under an exclusive lock: on a large table, in a
 * maintenance window (docs/operations.md).
 */
export class DeliveryPartitions1795520000000 implements MigrationInterface {
  name = 'DeliveryPartitions1795520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`LOCK TABLE "delivery", "delivery_attempt" IN ACCESS EXCLUSIVE MODE`);
    for (const fk of await q.query(
      `SELECT conrelid::regclass::text AS tbl, conname FROM pg_constraint WHERE confrelid = 'delivery'::regclass AND contype = 'f'`,
    )) {
      await q.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT "${fk.conname}"`);
    }
    await swap(q, {
      table: 'delivery',
      key: 'due_at',
      // The occurrence's due time; a delivery whose occurrence is gone keeps its own not_before.
      added: { value: 'COALESCE(o.due_at, t.not_before)', join: 'LEFT JOIN occurrence o ON o.id = t.occurrence_id' },
      primaryKey: 'PK_bc59bfd532ab2f469c426ad8e28',
      extraMonths: `SELECT due_at FROM occurrence WHERE status IN ('pending','held','planned') AND due_at >= now() - interval '1 month'`,
      unique: (name) => (name === 'uq_delivery_endpoint' ? `CREATE UNIQUE INDEX "uq_delivery_endpoint" ON "delivery" ("occurrence_id", "channel", "endpoint", "due_at")` : null),
    });
    await swap(q, { table: 'delivery_attempt', key: 'started_at', primaryKey: 'PK_0341ff5c73d686b4b3edcac1211', unique: () => null });
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`LOCK TABLE "delivery", "delivery_attempt" IN ACCESS EXCLUSIVE MODE`);
    await unswap(q, { table: 'delivery', primaryKey: 'PK_ffad7bf84e68716cd9af89003b0',
      unique: (name) => (name === 'uq_delivery_endpoint' ? `CREATE UNIQUE INDEX "uq_delivery_endpoint" ON "delivery" ("occurrence_id", "channel", "endpoint")` : null),
    });
    await q.query(`ALTER TABLE "delivery" DROP COLUMN "due_at"`);
    await unswap(q, { table: 'delivery_attempt', primaryKey: 'PK_a43b0e18756fc86d042eeef093b', unique: () => null });
    await q.query(`DELETE FROM board_slide s WHERE NOT EXISTS (SELECT 1 FROM delivery d WHERE d.id = s.delivery_id)`);
    await q.query(`DELETE FROM station_playlist_item i WHERE NOT EXISTS (SELECT 1 FROM delivery d WHERE d.id = i.delivery_id)`);
    await q.query(`ALTER TABLE "board_slide" ADD CONSTRAINT "FK_42143f14ff7bada90e3180c9991"
      FOREIGN KEY ("delivery_id") REFERENCES "delivery"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "station_playlist_item" ADD CONSTRAINT "fk_station_playlist_item_delivery"
      FOREIGN KEY ("delivery_id") REFERENCES "delivery"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }
}

interface Shape {
  table: string;
  primaryKey: string;
  /** The statement recreating a unique index on the new table, or null to refuse one it does not know. */
  unique: (indexName: string) => string | null;
}

/** What moves with the rows: the table's own indexes and triggers, and its sequence's position. */
async function carried(q: QueryRunner, table: string) {
  const indexes: { name: string; def: string; unique: boolean }[] = await q.query(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def, i.indisunique AS unique
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = $1::regclass AND NOT i.indisprimary`,
    [table],
  );
  const triggers: { def: string }[] = await q.query(
    `SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal`,
    [table],
  );
  const [seq] = await q.query(`SELECT pg_get_serial_sequence($1, 'id') AS name`, [table]);
  const [position] = await q.query(`SELECT last_value::text AS last, is_called AS called FROM ${seq.name}`);
  return { indexes, triggers, position: position as { last: string; called: boolean } };
}

/** Drops the old table, gives its name to the new one and recreates what `carried` saw. */
async function takeOver(q: QueryRunner, s: Shape, fresh: string, keep: Awaited<ReturnType<typeof carried>>, pk: string[]): Promise<void> {
  await q.query(`DROP TABLE "${s.table}"`);
  await q.query(`ALTER TABLE "${fresh}" RENAME TO "${s.table}"`);
  const [seq] = await q.query(`SELECT pg_get_serial_sequence($1, 'id') AS name`, [s.table]);
  await q.query(`ALTER SEQUENCE ${seq.name} RENAME TO "${s.table}_id_seq"`);
  await q.query(
    `SELECT setval('"${s.table}_id_seq"', GREATEST($1::bigint, (SELECT COALESCE(max(id), 1) FROM "${s.table}")), $2)`,
    [keep.position.last, keep.position.called],
  );
  await q.query(`ALTER TABLE "${s.table}" ADD CONSTRAINT "${s.primaryKey}" PRIMARY KEY (${pk.map((c) => `"${c}"`).join(', ')})`);
  for (const index of keep.indexes) {
    if (index.unique) {
      const statement = s.unique(index.name);
      if (!statement) throw new Error(`unique index ${index.name} on ${s.table} has no partitioned form`);
      await q.query(statement);
    } else {
      await q.query(index.def.replace(' ON ONLY ', ' ON '));
    }
  }
  for (const trigger of keep.triggers) await q.query(trigger.def);
  await q.query(`ANALYZE "${s.table}"`);
}

/** The plain table becomes a table partitioned by month on `key`, with partitions for every month its rows (and `extraMonths`) need. */
async function swap(q: QueryRunner, s: Shape & { key: string; added?: { value: string; join: string }; extraMonths?: string }): Promise<void> {
  const keep = await carried(q, s.table);
  const fresh = `${s.table}_partitioned`;
  const keyValue = s.added?.value ?? `t."${s.key}"`;
  const join = s.added?.join ?? '';
  await q.query(
    `CREATE TABLE "${fresh}" (LIKE "${s.table}" INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING CONSTRAINTS
       ${s.added ? `, "${s.key}" TIMESTAMP WITH TIME ZONE NOT NULL` : ''}) PARTITION BY RANGE ("${s.key}")`,
  );
  const months: { month: string }[] = await q.query(
    `SELECT DISTINCT to_char(date_trunc('month', x.at, 'UTC') AT TIME ZONE 'UTC', 'YYYY-MM') AS month FROM (
       SELECT ${keyValue} AS at FROM "${s.table}" t ${join}
       ${s.extraMonths ? `UNION ALL ${s.extraMonths}` : ''}
       UNION ALL SELECT now() + make_interval(months => g) FROM generate_series(-1, 3) AS g) x ORDER BY 1`,
  );
  for (const { month } of months) await q.query(partitionDdl(fresh, s.table, month));
  await q.query(`INSERT INTO "${fresh}" SELECT t.*${s.added ? `, ${keyValue}` : ''} FROM "${s.table}" t ${join}`);
  await takeOver(q, s, fresh, keep, ['id', s.key]);
}

/** The partitioned table becomes one plain table again, rows included. */
async function unswap(q: QueryRunner, s: Shape): Promise<void> {
  const keep = await carried(q, s.table);
  const fresh = `${s.table}_plain`;
  await q.query(`CREATE TABLE "${fresh}" (LIKE "${s.table}" INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING CONSTRAINTS)`);
  await q.query(`INSERT INTO "${fresh}" SELECT * FROM "${s.table}"`);
  await takeOver(q, s, fresh, keep, ['id']);
}

/** `delivery_p2026_12` holds [2026-12-01, 2027-01-01) UTC; the worker's DeliveryPartitionRepository uses the same names. */
function partitionDdl(parent: string, table: string, month: string): string {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return `CREATE TABLE "${table}_p${month.replace('-', '_')}" PARTITION OF "${parent}"
    FOR VALUES FROM ('${month}-01 00:00:00+00') TO ('${next}-01 00:00:00+00')`;
}
