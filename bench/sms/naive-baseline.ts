import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import type { DataSource } from 'typeorm';
import { TwilioSmsAdapter } from '#sms/providers/twilio/twilio-sms.adapter.js';
import { isDeliveryError } from '#domain/index.js';
import { createDataSource, DeliveryEntity } from '#persistence/index.js';

/**
 * Baseline (c), the design the engine replaces: one BullMQ job per recipient, and per job one send
 * through the same Twilio adapter and one delivery row saved with the ORM's save().
 */
export const NAIVE_QUEUE = 'bench-naive-sms';

export interface NaiveJob {
  occurrenceId: string;
  broadcastId: string;
  subscriberId: string;
  phone: string;
  /** The occurrence's due time (ISO), the deliveries' partition key. */
  dueAt: string;
}

export interface NaiveWorkerEnv {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  concurrency: number;
  twilio: { accountSid: string; authToken: string; from: string; apiBaseUrl: string };
  body: string;
}

/** Adds one job per recipient (addBulk in chunks of 1,000, as an ORM-era fan-out would); returns the ms taken. */
export async function enqueueNaive(db: DataSource, redisUrl: string, prefix: string, provincePath: string, sample: number): Promise<{ ms: number; jobs: number }> {
  const recipients: { id: string; phone: string }[] = await db.query(
    `SELECT s.id, s.phone FROM subscriber s JOIN admin_unit u ON u.id = s.unit_id
      WHERE ARRAY[$1::ltree] @> u.path AND s.opted_out_at IS NULL ORDER BY s.phone LIMIT $2`,
    [provincePath, sample],
  );
  const queue = new Queue<NaiveJob>(NAIVE_QUEUE, { connection: { url: redisUrl }, prefix });
  const occurrenceId = randomUUID();
  const broadcastId = randomUUID();
  const dueAt = new Date().toISOString();
  const started = performance.now();
  for (let i = 0; i < recipients.length; i += 1000) {
    await queue.addBulk(
      recipients.slice(i, i + 1000).map((r) => ({
        name: 'send-one',
        data: { occurrenceId, broadcastId, subscriberId: r.id, phone: r.phone, dueAt },
        opts: { removeOnComplete: true, attempts: 3 },
      })),
    );
  }
  const ms = performance.now() - started;
  await queue.close();
  return { ms, jobs: recipients.length };
}

/** The per-recipient worker (runs in its own process, like the engine's worker). Stops on SIGTERM. */
export async function runNaiveWorker(env: NaiveWorkerEnv): Promise<void> {
  const db = await createDataSource(env.databaseUrl, { extra: { max: Math.min(env.concurrency, 40) } }).initialize();
  const repo = db.getRepository(DeliveryEntity);
  const provider = new TwilioSmsAdapter({ ...env.twilio, timeoutMs: 15_000 });
  const worker = new Worker<NaiveJob>(
    NAIVE_QUEUE,
    async (job) => {
      const d = repo.create({
        occurrenceId: job.data.occurrenceId,
        dueAt: new Date(job.data.dueAt),
        broadcastId: job.data.broadcastId,
        channel: 'sms',
        endpoint: job.data.phone,
        subscriberId: job.data.subscriberId,
        batchNo: 0,
        notBefore: new Date(),
        attempts: 1,
        provider: provider.name,
      });
      try {
        const sent = await provider.send({ deliveryId: job.id ?? '', to: job.data.phone, body: env.body });
        Object.assign(d, { status: 'sent', providerMessageId: sent.providerMessageId, sentAt: new Date() });
      } catch (error) {
        Object.assign(d, { status: 'failed', lastError: isDeliveryError(error) ? error.message : String(error) });
      }
      await repo.save(d);
    },
    { connection: { url: env.redisUrl, maxRetriesPerRequest: null }, prefix: env.prefix, concurrency: env.concurrency },
  );
  await worker.waitUntilReady();
  process.stdout.write('naive worker ready\n');
  const stop = () =>
    void worker
      .close()
      .then(() => db.destroy())
      .then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
