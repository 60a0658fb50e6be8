import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { REDIS, type RedisClient } from '#queue/index.js';
import { DeviceEventsHub, publishDeviceEvent, type DeviceEventTopic } from '#engine/devices/device-events.js';
import { publishIdentityChanged } from '#engine/devices/device-identity-cache.js';

/** A change notice for boards: their slides changed (`emergency` when an emergency slide went live). */
export interface BoardEvent {
  kind: 'slides' | 'emergency';
  boardIds: string[];
  at: string;
}

const BOARD_EVENTS: DeviceEventTopic<BoardEvent> = {
  kind: 'board',
  name: 'board-events',
  deviceIds: (event) => event.boardIds,
  forDevice: (event, boardId) => ({ ...event, boardIds: [boardId] }),
};

/**
 * Every change to what a board pulls goes through here after its commit: `publish` bumps the boards'
 * versions and tells their streams; `identityChanged` also makes every api process forget the board's
 * cached token identity (token rotated, board removed, name or place edited) and tells its stream.
 */
@Injectable()
export class BoardEventsPublisher {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  publish(kind: BoardEvent['kind'], boardIds: string[]): Promise<void> {
    return publishDeviceEvent(this.redis, this.config, BOARD_EVENTS, { kind, boardIds, at: new Date().toISOString() });
  }

  async identityChanged(boardId: string): Promise<void> {
    await publishIdentityChanged(this.redis, this.config, 'board', boardId);
    await this.publish('slides', [boardId]);
  }
}

@Injectable()
export class BoardEventsHub extends DeviceEventsHub<BoardEvent> {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(config, BOARD_EVENTS);
  }
}
