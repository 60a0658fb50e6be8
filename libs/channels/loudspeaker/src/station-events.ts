import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { REDIS } from '#queue/index.js';
import { DeviceEventsHub, publishDeviceEvent, type DeviceEventTopic } from '#engine/devices/device-events.js';

/**
 * What a connected station is told: its playlist changed, an emergency item must play now, or
 * (`stop`) the items named must stop playing and be dropped: their broadcast was cancelled.
 */
export interface StationEvent {
  kind: 'playlist' | 'emergency' | 'stop';
  stationIds: string[];
  occurrenceId: string;
  at: string;
  /** `stop`: the playlist items (itemId as the playlist lists it) of each station. */
  items?: { stationId: string; itemId: string }[];
}

const STATION_EVENTS: DeviceEventTopic<StationEvent> = {
  name: 'station-events',
  deviceIds: (event) => event.stationIds,
  forDevice: (event, stationId) => ({
    ...event,
    stationIds: [stationId],
    ...(event.items ? { items: event.items.filter((i) => i.stationId === stationId) } : {}),
  }),
};

@Injectable()
export class StationEventsPublisher {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  publish(event: StationEvent): Promise<void> {
    return publishDeviceEvent(this.redis, this.config, STATION_EVENTS, event);
  }
}

@Injectable()
export class StationEventsHub extends DeviceEventsHub<StationEvent> {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(config, STATION_EVENTS);
  }
}
