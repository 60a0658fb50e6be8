import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { ConfigModule, type AppConfig } from '#config/index.js';
import { PersistenceModule } from '#persistence/index.js';
import { QueueModule } from '#queue/index.js';
import { BroadcastsService } from '#engine/broadcasts/broadcasts.service.js';
import { EngineModule } from '#engine/engine.module.js';
import { ChannelsModule } from '#channels/channels.module.js';
import { OccurrencePlannerService } from '#engine/dispatch/occurrence-planner.service.js';
import type { BenchWorld } from './bench-db.js';

/** The engine's services without any queue processor: the bench plans here, the worker processes send. */
@Module({})
class BenchEngineModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: BenchEngineModule, imports: [ConfigModule.forRoot(config), PersistenceModule, QueueModule, ChannelsModule, EngineModule] };
  }
}

export async function startEngine(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(BenchEngineModule.forRoot(config), { logger: ['error', 'warn'] });
  await app.init();
  return app;
}

/**
 * Schedules the broadcast through the service (as the API would), then times the occurrence's
 * planning: every delivery written in one transaction and every batch job queued in Redis.
 */
export async function planBroadcast(app: INestApplicationContext, db: DataSource, world: BenchWorld): Promise<{ broadcastId: string; ms: number; deliveries: number; batches: number }> {
  const broadcast = await app.get(BroadcastsService).schedule(world.actor, {
    messageId: world.messageId,
    channels: ['sms'],
    targets: { unitIds: [world.province.id], villageIds: [], tags: [] },
    schedule: { kind: 'once', at: new Date().toISOString() },
    smsWithoutDiacritics: false,
  });
  const [occ] = await db.query(`SELECT id FROM occurrence WHERE broadcast_id = $1`, [broadcast.id]);
  await db.query('CHECKPOINT');
  const started = performance.now();
  const result = await app.get(OccurrencePlannerService).run(occ.id);
  const ms = performance.now() - started;
  if (result.kind !== 'planned') throw new Error(`occurrence not planned: ${result.kind} ${result.reason}`);
  // The SMS are written in parts (the first batches ahead of the rest): the totals are their sums.
  const sms = result.channels.filter((c) => c.channel === 'sms');
  return { broadcastId: broadcast.id, ms, deliveries: sms.reduce((n, c) => n + c.deliveries, 0), batches: sms.reduce((n, c) => n + c.batches, 0) };
}

export async function deliveryStates(db: DataSource, broadcastId: string): Promise<Record<string, number>> {
  const rows: { status: string; n: number }[] = await db.query(
    `SELECT status, count(*)::int AS n FROM delivery WHERE broadcast_id = $1 GROUP BY status`,
    [broadcastId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
