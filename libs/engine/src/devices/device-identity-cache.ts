import type { AppConfig } from '#config/index.js';
import type { DeviceKind } from '#domain/index.js';
import type { RedisClient } from '#queue/index.js';
import { NoticeSubscription } from './notice-subscription.js';

/** A token's device is remembered this long at most; a revocation notice drops it at once. */
export const DEVICE_IDENTITY_TTL_MS = 30_000;
const MAX_ENTRIES = 100_000;

function channel(config: Pick<AppConfig, 'queuePrefix'>): string {
  return `${config.queuePrefix}:device-identity`;
}

/**
 * Tells every api process to forget what it cached about a device (token rotated or device removed,
 * name or settings changed). Called after the change is committed.
 */
export async function publishIdentityChanged(redis: RedisClient, config: Pick<AppConfig, 'queuePrefix'>, kind: DeviceKind, id: string): Promise<void> {
  await redis.publish(channel(config), `${kind}:${id}`);
}

/**
 * token hash → device, in process memory, so a device's pull needs no Postgres to know who it is.
 * Entries live DEVICE_IDENTITY_TTL_MS and are dropped when a change notice names their device. The
 * cache is used only while its subscription is up: without it notices could be missed, so every
 * lookup then goes to Postgres. A revoked token therefore stops working as soon as the notice
 * arrives (milliseconds), and in any case within DEVICE_IDENTITY_TTL_MS.
 */
export class DeviceIdentityCache<T extends { id: string }> {
  private readonly entries = new Map<string, { value: T; until: number }>();
  private readonly notices: NoticeSubscription;
  /** Moves on every notice: a lookup that overlapped one is not kept (it may predate the change). */
  private generation = 0;

  constructor(
    config: AppConfig,
    private readonly kind: DeviceKind,
    private readonly ttlMs = DEVICE_IDENTITY_TTL_MS,
  ) {
    this.notices = new NoticeSubscription(config, channel(config), (message) => this.forget(message), () => this.entries.clear());
  }

  async get(tokenHash: string, load: () => Promise<T | null>): Promise<T | null> {
    const up = this.notices.up;
    const hit = this.entries.get(tokenHash);
    const now = Date.now();
    if (hit && hit.until > now && up) return hit.value;
    if (hit) this.entries.delete(tokenHash);
    const generation = this.generation;
    const value = await load();
    if (value && this.notices.up && generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(tokenHash, { value, until: now + this.ttlMs });
    }
    return value;
  }

  close(): Promise<void> {
    return this.notices.close();
  }

  private forget(message: string): void {
    const [kind, id] = message.split(':');
    if (kind !== this.kind) return;
    this.generation += 1;
    for (const [hash, entry] of this.entries) if (entry.value.id === id) this.entries.delete(hash);
  }
}
