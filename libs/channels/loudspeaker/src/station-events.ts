import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { REDIS, type RedisClient } from '#queue/index.js';
import { DeviceEventsHub, publishDeviceEvent, type DeviceEventTopic } from '#engine/devices/device-events.js';
import { publishIdentityChanged } from '#engine/devices/device-identity-cache.js';
import { bumpDeviceVersions } from '#engine/devices/device-versions.js';

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
  kind: 'station',
  name: 'station-events',
  deviceIds: (event) => event.stationIds,
  forDevice: (event, stationId) => ({
    ...event,
    stationIds: [stationId],
    ...(event.items ? { items: event.items.filter((i) => i.stationId === stationId) } : {}),
  }),
};

/**
 * Every change to what a station pulls goes through here after its commit: `publish` bumps the
 * stations' versions and tells their streams; `changed` only bumps (changes devices need not be
 * woken for, e.g. a slot removed); `identityChanged` also makes every api process forget the
 * station's cached token identity (token rotated, station removed or edited).
 */
@Injectable()
export class StationEventsPublisher {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  publish(event: StationEvent): Promise<void> {
    return publishDeviceEvent(this.redis, this.config, STATION_EVENTS, event);
  }

  changed(stationIds: readonly string[]): Promise<void> {
    return bumpDeviceVersions(this.redis, this.config, 'station', stationIds);
  }

  async identityChanged(stationId: string): Promise<void> {
    await publishIdentityChanged(this.redis, this.config, 'station', stationId);
    await this.changed([stationId]);
  }
}

@Injectable()
export class StationEventsHub extends DeviceEventsHub<StationEvent> {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(config, STATION_EVENTS);
  }
}
