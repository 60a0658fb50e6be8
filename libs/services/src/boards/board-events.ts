import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../../config/src/index.js';
import { REDIS } from '../../../queue/src/index.js';

/** A change notice for boards: their slides changed (`emergency` when an emergency slide went live). */
export interface BoardEvent {
  kind: 'slides' | 'emergency';
  boardIds: string[];
  at: string;
}

function channelName(config: AppConfig): string {
  return `${config.queuePrefix}:board-events`;
}

/** Publishes board change notices through Redis pub/sub, so whichever api replica holds a board's stream pushes it. */
@Injectable()
export class BoardEventsPublisher {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async publish(kind: BoardEvent['kind'], boardIds: string[]): Promise<void> {
    if (boardIds.length === 0) return;
    const event: BoardEvent = { kind, boardIds, at: new Date().toISOString() };
    await this.redis.publish(channelName(this.config), JSON.stringify(event));
  }
}

type Listener = (event: BoardEvent) => void;

/** API side: one Redis subscription per process, fanned out to the event streams of the boards connected here. */
@Injectable()
export class BoardEventsHub implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(BoardEventsHub.name);
  private readonly listeners = new Map<string, Set<Listener>>();
  private subscriber: Redis | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    this.subscriber = new Redis(this.config.redisUrl, { connectionName: 'tincoso-board-events', maxRetriesPerRequest: null });
    this.subscriber.on('message', (_channel: string, raw: string) => this.dispatch(raw));
    await this.subscriber.subscribe(channelName(this.config));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  /** Registers a listener for one board; the returned function removes it. */
  listen(boardId: string, listener: Listener): () => void {
    const set = this.listeners.get(boardId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(boardId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(boardId);
    };
  }

  private dispatch(raw: string): void {
    let event: BoardEvent;
    try {
      event = JSON.parse(raw) as BoardEvent;
    } catch {
      this.logger.warn('ignored a malformed board event');
      return;
    }
    for (const boardId of event.boardIds) {
      for (const listener of this.listeners.get(boardId) ?? []) listener({ ...event, boardIds: [boardId] });
    }
  }
}
