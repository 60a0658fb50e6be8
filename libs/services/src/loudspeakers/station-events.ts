import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../../config/src/index.js';
import { REDIS } from '../../../queue/src/index.js';

/** What a connected station is told: its playlist changed, or an emergency item must play now. */
export interface StationEvent {
  kind: 'playlist' | 'emergency';
  stationIds: string[];
  occurrenceId: string;
  at: string;
}

function channelName(config: AppConfig): string {
  return `${config.queuePrefix}:station-events`;
}

/** Publishes station events through Redis pub/sub, so whichever api replica holds a station's stream pushes it. */
@Injectable()
export class StationEventsPublisher {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async publish(event: StationEvent): Promise<void> {
    if (event.stationIds.length > 0) await this.redis.publish(channelName(this.config), JSON.stringify(event));
  }
}

type Listener = (event: StationEvent) => void;

/** API side: one Redis subscription per process, fanned out to the streams of the stations connected here. */
@Injectable()
export class StationEventsHub implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(StationEventsHub.name);
  private readonly listeners = new Map<string, Set<Listener>>();
  private subscriber: Redis | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    this.subscriber = new Redis(this.config.redisUrl, { connectionName: 'tincoso-station-events', maxRetriesPerRequest: null });
    this.subscriber.on('message', (_channel: string, raw: string) => this.dispatch(raw));
    await this.subscriber.subscribe(channelName(this.config));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  /** Registers a listener for one station; the returned function removes it. */
  listen(stationId: string, listener: Listener): () => void {
    const set = this.listeners.get(stationId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(stationId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(stationId);
    };
  }

  private dispatch(raw: string): void {
    let event: StationEvent;
    try {
      event = JSON.parse(raw) as StationEvent;
    } catch {
      this.logger.warn('ignored a malformed station event');
      return;
    }
    for (const stationId of event.stationIds) {
      for (const listener of this.listeners.get(stationId) ?? []) listener({ ...event, stationIds: [stationId] });
    }
  }
}
