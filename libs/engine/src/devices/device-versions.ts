import { randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import type { DeviceKind } from '#domain/index.js';
import { REDIS, type RedisClient } from '#queue/index.js';
import { NoticeSubscription } from './notice-subscription.js';

/**
 * Each device's content version lives in Redis under its own key, shared by every api process. A
 * version is an opaque value that never repeats (time + random), not a counter: after a Redis flush
 * a device's old ETag cannot meet a recycled number and be answered 304 on stale content.
 */
export function deviceVersionKey(config: Pick<AppConfig, 'queuePrefix'>, kind: DeviceKind, id: string): string {
  return `${config.queuePrefix}:device-version:${kind}:${id}`;
}

function noticeChannel(config: Pick<AppConfig, 'queuePrefix'>): string {
  return `${config.queuePrefix}:device-version-changed`;
}

const MAX_KNOWN = 200_000;

function freshVersion(): string {
  return `${Date.now().toString(36)}${randomBytes(6).toString('base64url')}`;
}

/**
 * Called after the change is committed in Postgres (never before: a device reading the new version
 * must find the new rows). One key per device, one SET each, pipelined on one Redis (concurrent on a
 * cluster, where a pipeline may not span slots),
 * then a notice so every api process drops the versions it holds in memory.
 */
export async function bumpDeviceVersions(redis: RedisClient, config: Pick<AppConfig, 'queuePrefix'>, kind: DeviceKind, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const version = freshVersion();
  for (let i = 0; i < unique.length; i += 1000) {
    const keys = unique.slice(i, i + 1000).map((id) => deviceVersionKey(config, kind, id));
    if (redis.isCluster) {
      // A cluster pipeline must stay in one slot: each SET goes to its own node, a thousand at a time.
      await Promise.all(keys.map((key) => redis.set(key, version)));
      continue;
    }
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.set(key, version);
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
  }
  for (let i = 0; i < unique.length; i += 1000) await redis.publish(noticeChannel(config), `${kind}:${unique.slice(i, i + 1000).join(',')}`);
}

/**
 * Reads and bumps device versions. An api process keeps the versions it read in memory while its
 * notice subscription is up and drops one when a bump names it, so a conditional pull of an
 * unchanged device needs no I/O at all; with the subscription down every read goes to Redis.
 */
@Injectable()
export class DeviceVersions implements OnApplicationShutdown {
  private readonly known = new Map<string, string>();
  private readonly notices: NoticeSubscription;
  /** Moves on every notice: a read that overlapped one is not kept (it may predate the bump). */
  private generation = 0;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.notices = new NoticeSubscription(config, noticeChannel(config), (message) => this.forget(message), () => this.known.clear());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.notices.close();
  }

  /** The device's version; a device never bumped gets one now (SET NX, so every process agrees on it). */
  async current(kind: DeviceKind, id: string): Promise<string> {
    const up = this.notices.up;
    const memoryKey = `${kind}:${id}`;
    const held = up ? this.known.get(memoryKey) : undefined;
    if (held !== undefined) return held;
    const generation = this.generation;
    const version = await this.read(kind, id);
    if (this.notices.up && generation === this.generation) {
      if (this.known.size >= MAX_KNOWN) this.known.delete(this.known.keys().next().value as string);
      this.known.set(memoryKey, version);
    }
    return version;
  }

  bump(kind: DeviceKind, ids: readonly string[]): Promise<void> {
    return bumpDeviceVersions(this.redis, this.config, kind, ids);
  }

  private async read(kind: DeviceKind, id: string): Promise<string> {
    const key = deviceVersionKey(this.config, kind, id);
    const version = await this.redis.get(key);
    if (version !== null) return version;
    await this.redis.set(key, freshVersion(), 'NX');
    return (await this.redis.get(key)) ?? '';
  }

  private forget(message: string): void {
    const colon = message.indexOf(':');
    const kind = message.slice(0, colon);
    this.generation += 1;
    for (const id of message.slice(colon + 1).split(',')) this.known.delete(`${kind}:${id}`);
  }
}
