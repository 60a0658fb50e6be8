import { buffer } from 'node:stream/consumers';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import {
  deviceTokenKind,
  hashDeviceToken,
  InvalidInputError,
  localDate,
  localDayBounds,
  NotFoundError,
  playingOrder,
  UnauthenticatedError,
} from '#domain/index.js';
import { DEVICE_ETAG_MAX_AGE_MS, deviceEtag, freshEtag } from '#engine/devices/device-etag.js';
import { DeviceIdentityCache } from '#engine/devices/device-identity-cache.js';
import { DeviceVersions } from '#engine/devices/device-versions.js';
import { StationPlaylistRepository, type PlayReport, type PlaylistRow } from './repositories/station-playlist.repository.js';
import { StationRepository } from './repositories/station.repository.js';
import { StationEventsPublisher } from './station-events.js';
import { StationSentMarks } from './station-sent-marks.js';
import { FILE_STORE, type FileStore } from '#services/attachments/file-store.js';

export interface AuthenticatedStation {
  id: string;
  unitId: string;
  timeZone: string;
}

export interface PlaylistItem {
  itemId: string;
  position: number;
  priority: PlaylistRow['priority'];
  slotId: string | null;
  slotLabel: string | null;
  startsAt: string;
  durationMs: number;
  title: string;
  contentGroup: string;
  audio: { id: string; url: string; contentType: string; sizeBytes: number };
}

export interface StationPlaylist {
  stationId: string;
  date: string;
  timeZone: string;
  items: PlaylistItem[];
}

/** A conditional pull's answer: 304 (the device's tag is still good) or the body with its new tag. */
export type Conditional<T> = { notModified: true; etag: string } | { notModified: false; body: T; etag: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** An emergency item outside the asked day is listed until a day after it aired (the playlist query). */
const EMERGENCY_LISTED_MS = 86_400_000;

/**
 * What a station device does with its token: pull its playlist and audio, report plays and heartbeats.
 * A pull whose If-None-Match is still current is answered from process memory and one Redis read
 * (docs/devices.md "Conditional pulls"); only a changed playlist reads Postgres, in one query.
 */
@Injectable()
export class StationDeviceService implements OnApplicationShutdown {
  private readonly identities: DeviceIdentityCache<AuthenticatedStation>;

  constructor(
    private readonly stations: StationRepository,
    private readonly playlists: StationPlaylistRepository,
    private readonly versions: DeviceVersions,
    private readonly sentMarks: StationSentMarks,
    private readonly events: StationEventsPublisher,
    @Inject(FILE_STORE) private readonly store: FileStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.identities = new DeviceIdentityCache(config, 'station');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.identities.close();
  }

  async authenticate(token: string | undefined): Promise<AuthenticatedStation> {
    const hash = token && deviceTokenKind(token) === 'station' ? hashDeviceToken(token) : null;
    const station = hash
      ? await this.identities.get(hash, async () => {
          const row = await this.stations.findByTokenHash(hash);
          return row && { id: row.id, unitId: row.unitId, timeZone: row.timeZone ?? this.config.defaultTimeZone };
        })
      : null;
    if (!station) throw new UnauthenticatedError('device.token', 'Mã thiết bị không hợp lệ hoặc đã được thay');
    return station;
  }

  /**
   * The day's items in playing order: emergency items first, then each slot airing in time order,
   * priority ahead of normal inside an airing, back to back from the airing's start. Listing an
   * item hands it to the device (its delivery becomes 'sent', written in batches: StationSentMarks).
   */
  async playlist(station: AuthenticatedStation, date: string | undefined, ifNoneMatch?: string | string[]): Promise<Conditional<StationPlaylist>> {
    const day = this.day(station, date);
    const basis = await this.basis(station, day, 'json');
    const fresh = freshEtag(ifNoneMatch, basis, Date.now());
    if (fresh) return { notModified: true, etag: fresh };
    const { playlist, validUntil } = await this.build(station, day);
    return { notModified: false, body: playlist, etag: deviceEtag(basis, validUntil) };
  }

  async m3u8(station: AuthenticatedStation, date: string | undefined, ifNoneMatch?: string | string[]): Promise<Conditional<string>> {
    const day = this.day(station, date);
    const basis = await this.basis(station, day, 'm3u8');
    const fresh = freshEtag(ifNoneMatch, basis, Date.now());
    if (fresh) return { notModified: true, etag: fresh };
    const { playlist, validUntil } = await this.build(station, day);
    const lines = ['#EXTM3U', `#PLAYLIST:${playlist.date} ${playlist.stationId}`];
    for (const item of playlist.items) {
      lines.push(
        `#EXT-X-PROGRAM-DATE-TIME:${item.startsAt}`,
        `#EXTINF:${Math.ceil(item.durationMs / 1000)} tincoso-item="${item.itemId}" priority="${item.priority}",${item.title.replace(/[\r\n,]/g, ' ')}`,
        item.audio.url,
      );
    }
    return { notModified: false, body: `${lines.join('\n')}\n`, etag: deviceEtag(basis, validUntil) };
  }

  /** Audio referenced by one of this station's items; anything else answers 404. */
  async media(station: AuthenticatedStation, audioId: string): Promise<{ bytes: Buffer; contentType: string; etag: string }> {
    const audio = /^[0-9a-f-]{36}$/i.test(audioId) ? await this.playlists.audioOfStation(station.id, audioId) : null;
    if (!audio?.storageKey) throw new NotFoundError('station-audio');
    const bytes = await buffer(await this.store.open(audio.storageKey));
    return { bytes, contentType: audio.contentType ?? 'audio/mpeg', etag: `"${audio.storageKey.split('/').pop()}"` };
  }

  heartbeat(station: AuthenticatedStation, status: Record<string, unknown>): Promise<Date> {
    return this.stations.heartbeat(station.id, status);
  }

  /** An item played to the end or failed may leave the playlist (emergency items, failed ones): the version moves. */
  async reportPlays(station: AuthenticatedStation, reports: PlayReport[]): Promise<{ applied: number; unknownItems: string[] }> {
    const result = await this.playlists.applyPlays(station.id, reports);
    if (result.applied > 0 && reports.some((r) => r.event !== 'start')) await this.events.changed([station.id]);
    return result;
  }

  private day(station: AuthenticatedStation, date: string | undefined): string {
    const day = date ?? localDate(new Date(), station.timeZone);
    if (!DATE.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
      throw new InvalidInputError([{ field: 'date', rule: 'date', message: 'Ngày phải có dạng YYYY-MM-DD' }]);
    }
    return day;
  }

  /** What a playlist body depends on besides the clock: the station, its time zone, the day and its version. */
  private async basis(station: AuthenticatedStation, day: string, format: 'json' | 'm3u8'): Promise<string[]> {
    const version = await this.versions.current('station', station.id);
    return ['station', format, station.id, station.timeZone, day, version, this.config.publicBaseUrl];
  }

  /** The body, and until when it holds without a change: an emergency item from another day ages out. */
  private async build(station: AuthenticatedStation, day: string): Promise<{ playlist: StationPlaylist; validUntil: number }> {
    const now = Date.now();
    const { from, to } = localDayBounds(day, station.timeZone);
    const rows = await this.playlists.playlist(station.id, from, to);
    let validUntil = now + DEVICE_ETAG_MAX_AGE_MS;
    for (const row of rows) {
      const outsideDay = row.airsAt < from || row.airsAt >= to;
      if (row.priority === 'emergency' && outsideDay) validUntil = Math.min(validUntil, row.airsAt.getTime() + EMERGENCY_LISTED_MS);
    }
    const items = playingOrder(rows).map(({ item, startsAt }, position) => ({
      itemId: item.itemId,
      position,
      priority: item.priority,
      slotId: item.slotId,
      slotLabel: item.slotLabel,
      startsAt: startsAt.toISOString(),
      durationMs: item.durationMs,
      title: item.title,
      contentGroup: item.contentGroup,
      audio: {
        id: item.audioId,
        url: `${this.config.publicBaseUrl}/api/v1/devices/stations/media/${item.audioId}`,
        contentType: item.contentType,
        sizeBytes: item.sizeBytes,
      },
    }));
    this.sentMarks.add(rows.filter((r) => r.planned).map((r) => r.itemId), new Date(now));
    return { playlist: { stationId: station.id, date: day, timeZone: station.timeZone, items }, validUntil };
  }
}
