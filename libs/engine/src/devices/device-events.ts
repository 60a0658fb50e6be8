import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '#config/index.js';
import type { DeviceKind } from '#domain/index.js';
import { createRedis, type RedisClient } from '#queue/index.js';
import { afterCommit } from '../after-commit.js';
import { bumpDeviceVersions } from './device-versions.js';

/** A change notice for devices of one kind (stations, boards), naming the devices it is for. */
export interface DeviceEventTopic<E> {
  /** Whose versions a notice bumps (docs/devices.md "Conditional pulls"). */
  kind: DeviceKind;
  /** Redis channel suffix, e.g. 'station-events'. */
  name: string;
  deviceIds(event: E): string[];
  /** The event as one device is told it: naming that device only. */
  forDevice(event: E, deviceId: string): E;
}

function channelName(config: AppConfig, topic: DeviceEventTopic<unknown>): string {
  return `${config.queuePrefix}:${topic.name}`;
}

/**
 * Bumps the version of every device named (so their next conditional pull is answered anew), then
 * publishes through Redis pub/sub, so whichever api replica holds a device's stream pushes it.
 * Called after the change is committed.
 */
export async function publishDeviceEvent<E>(redis: RedisClient, config: AppConfig, topic: DeviceEventTopic<E>, event: E): Promise<void> {
  const ids = topic.deviceIds(event);
  if (ids.length === 0) return;
  await bumpDeviceVersions(redis, config, topic.kind, ids);
  await redis.publish(channelName(config, topic), JSON.stringify(event));
}

const noticeLogger = new Logger('device-notices');

/**
 * A request's device notice after its commit (a token rotated, a device removed, a slot removed, a
 * relay placed, slides withdrawn): one that Redis refuses is logged, not answered as an error, since
 * the change is committed and stands (a rotated token must still be shown). Devices catch up without
 * it: a cached identity expires within DEVICE_IDENTITY_TTL_MS, a conditional pull's tag within
 * DEVICE_ETAG_MAX_AGE_MS, and devices pull on their own every few minutes (docs/devices.md).
 */
export async function noticeAfterCommit(what: Record<string, unknown>, notice: () => Promise<void>): Promise<void> {
  await afterCommit(noticeLogger, what, 'the devices catch up on their next pulls', notice);
}

/** API side: one Redis subscription per process, fanned out to the streams of the devices connected here. */
export abstract class DeviceEventsHub<E> implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(this.constructor.name);
  private readonly listeners = new Map<string, Set<(event: E) => void>>();
  private subscriber: RedisClient | null = null;

  protected constructor(
    private readonly config: AppConfig,
    private readonly topic: DeviceEventTopic<E>,
  ) {}

  async onModuleInit(): Promise<void> {
    this.subscriber = createRedis(this.config, 'subscriber', { connectionName: `tincoso-${this.topic.name}` });
    this.subscriber.on('message', (_channel: string, raw: string) => this.dispatch(raw));
    await this.subscriber.subscribe(channelName(this.config, this.topic));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  /** Registers a listener for one device; the returned function removes it. */
  listen(deviceId: string, listener: (event: E) => void): () => void {
    const set = this.listeners.get(deviceId) ?? new Set();
    set.add(listener);
    this.listeners.set(deviceId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(deviceId);
    };
  }

  private dispatch(raw: string): void {
    let event: E;
    try {
      event = JSON.parse(raw) as E;
    } catch {
      this.logger.warn(`ignored a malformed ${this.topic.name} message`);
      return;
    }
    for (const deviceId of this.topic.deviceIds(event)) {
      for (const listener of this.listeners.get(deviceId) ?? []) listener(this.topic.forDevice(event, deviceId));
    }
  }
}
