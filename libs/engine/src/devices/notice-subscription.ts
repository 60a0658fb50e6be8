import { Logger } from '@nestjs/common';
import type { AppConfig } from '#config/index.js';
import { createRedis, type RedisClient } from '#queue/index.js';

/**
 * One Redis pub/sub channel listened to by an api process, for caches that stay correct only while
 * every notice arrives: `up` is true once subscribed and false from the moment the connection drops
 * (`onDown` then runs, so the cache empties itself); ioredis subscribes again on reconnect. Started
 * on first use, so a process that never serves devices (the worker) holds no connection.
 */
export class NoticeSubscription {
  private readonly logger = new Logger(NoticeSubscription.name);
  private subscriber: RedisClient | null = null;
  private listening = false;
  private closed = false;

  constructor(
    private readonly config: AppConfig,
    private readonly channel: string,
    private readonly onMessage: (message: string) => void,
    private readonly onDown: () => void,
  ) {}

  /** Subscribed now; starts the subscription when it was not yet. */
  get up(): boolean {
    if (!this.subscriber && !this.closed) this.start();
    return this.listening;
  }

  async close(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = null;
    this.closed = true;
    this.down();
    if (!subscriber) return;
    // QUIT on a connection that is not up would wait in the offline queue for ever and hold shutdown.
    if (subscriber.status === 'ready') await subscriber.quit().catch(() => subscriber.disconnect());
    else subscriber.disconnect();
  }

  private start(): void {
    const subscriber = createRedis(this.config, 'subscriber', { connectionName: `tincoso-notices-${this.channel.split(':').pop()}` });
    this.subscriber = subscriber;
    subscriber.on('close', () => this.down());
    subscriber.on('end', () => this.down());
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.onMessage(message);
    });
    subscriber.on('ready', () => {
      subscriber.subscribe(this.channel).then(
        () => (this.listening = true),
        (error: unknown) => this.logger.warn(`subscribe to ${this.channel} failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    });
  }

  private down(): void {
    this.listening = false;
    this.onDown();
  }
}
