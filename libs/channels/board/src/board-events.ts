import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { REDIS } from '#queue/index.js';
import { DeviceEventsHub, publishDeviceEvent, type DeviceEventTopic } from '#engine/devices/device-events.js';

/** A change notice for boards: their slides changed (`emergency` when an emergency slide went live). */
export interface BoardEvent {
  kind: 'slides' | 'emergency';
  boardIds: string[];
  at: string;
}

const BOARD_EVENTS: DeviceEventTopic<BoardEvent> = {
  name: 'board-events',
  deviceIds: (event) => event.boardIds,
  forDevice: (event, boardId) => ({ ...event, boardIds: [boardId] }),
};

@Injectable()
export class BoardEventsPublisher {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  publish(kind: BoardEvent['kind'], boardIds: string[]): Promise<void> {
    return publishDeviceEvent(this.redis, this.config, BOARD_EVENTS, { kind, boardIds, at: new Date().toISOString() });
  }
}

@Injectable()
export class BoardEventsHub extends DeviceEventsHub<BoardEvent> {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(config, BOARD_EVENTS);
  }
}
