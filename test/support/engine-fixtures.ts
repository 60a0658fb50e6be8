import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '#config/index.js';
import type { Priority } from '#domain/index.js';
import type { Renditions } from '#persistence/index.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import type { TestUnit, TestUser } from './fixtures.js';

/**
 * An approved message (version 1), written directly: the engine tests start after approval. `sms`
 * is a shorthand for an SMS rendition; `renditions` gives any others.
 */
export async function createApprovedMessage(
  db: DataSource,
  input: {
    unit: TestUnit;
    author: TestUser;
    approver: TestUser;
    sms?: string;
    renditions?: Renditions;
    priority?: Priority;
    title?: string;
    body?: string;
    attachmentIds?: string[];
  },
): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO message (unit_id, created_by, status, current_version, approved_version, approved_at, approved_by, row_version)
     VALUES ($1, $2, 'approved', 1, 1, now(), $3, 1) RETURNING id`,
    [input.unit.id, input.author.id, input.approver.id],
  );
  const renditions: Renditions = { ...(input.sms ? { sms: input.sms } : {}), ...input.renditions };
  await db.query(
    `INSERT INTO message_version (message_id, version_no, author_id, title, body, content_group, priority, renditions, attachment_ids)
     VALUES ($1, 1, $2, $3, $4, 'one-stop-shop', $5, $6, $7)`,
    [
      id,
      input.author.id,
      input.title ?? 'Thông báo thử nghiệm',
      input.body ?? input.sms ?? input.title ?? 'Nội dung thử nghiệm',
      input.priority ?? 'normal',
      JSON.stringify(renditions),
      input.attachmentIds ?? [],
    ],
  );
  return id;
}

/** Subscribers +8491xxxxxxx numbered from `from`, set-based. Returns their phones in order. */
export async function createSubscribers(
  db: DataSource,
  input: { unit: TestUnit; count: number; from?: number; tags?: string[]; optedOut?: boolean },
): Promise<string[]> {
  const from = input.from ?? 0;
  const rows: { phone: string }[] = await db.query(
    `INSERT INTO subscriber (phone, unit_id, tags, consent_source, consent_at, opted_out_at)
     SELECT '+8491' || lpad(n::text, 7, '0'), $1, $2, 'officer', now(), CASE WHEN $5 THEN now() END
       FROM generate_series($3::int, $4::int) AS n
     RETURNING phone`,
    [input.unit.id, input.tags ?? [], from, from + input.count - 1, input.optedOut ?? false],
  );
  return rows.map((r) => r.phone);
}

/** The worker's processors in this process; without the scheduler unless asked, so tests run the reconciler when they choose. */
export async function startTestWorker(config: AppConfig, options: { scheduler?: boolean } = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, { scheduler: options.scheduler ?? false }), {
    logger: process.env.TEST_LOG_LEVEL ? ['error', 'warn', 'log'] : false,
  });
  await app.init();
  return app;
}

export async function waitFor<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 20_000, label = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await probe();
  }
  return last;
}

export async function deliveryCounts(db: DataSource, broadcastId: string): Promise<Record<string, number>> {
  const rows: { status: string; n: number }[] = await db.query(
    `SELECT status, count(*)::int AS n FROM delivery WHERE broadcast_id = $1 GROUP BY status`,
    [broadcastId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
