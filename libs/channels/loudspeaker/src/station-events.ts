import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { REDIS } from '#queue/index.js';
import { DeviceEventsHub, publishDeviceEvent, type DeviceEventTopic } from '#engine/devices/device-events.js';

/** What a connected station is told: its playlist changed, or an emergency item must play now. */
export interface StationEvent {
  kind: 'playlist' | 'emergency';
  stationIds: string[];
  occurrenceId: string;
  at: string;
}

const STATION_EVENTS: DeviceEventTopic<StationEvent> = {
  name: 'station-events',
  deviceIds: (event) => event.stationIds,
  forDevice: (event, stationId) => ({ ...event, stationIds: [stationId] }),
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
