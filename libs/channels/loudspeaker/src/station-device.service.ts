import { createHash } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { Inject, Injectable } from '@nestjs/common';
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
import { StationPlaylistRepository, type PlayReport, type PlaylistRow } from './repositories/station-playlist.repository.js';
import { StationRepository } from './repositories/station.repository.js';
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

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What a station device does with its token: pull its playlist and audio, report plays and heartbeats. */
@Injectable()
export class StationDeviceService {
  constructor(
    private readonly stations: StationRepository,
    private readonly playlists: StationPlaylistRepository,
    @Inject(FILE_STORE) private readonly store: FileStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async authenticate(token: string | undefined): Promise<AuthenticatedStation> {
    const unauthenticated = new UnauthenticatedError('device.token', 'Mã thiết bị không hợp lệ hoặc đã được thay');
    if (!token || deviceTokenKind(token) !== 'station') throw unauthenticated;
    const station = await this.stations.findByTokenHash(hashDeviceToken(token));
    if (!station) throw unauthenticated;
    return { id: station.id, unitId: station.unitId, timeZone: station.timeZone ?? this.config.defaultTimeZone };
  }

  /**
   * The day's items in playing order: emergency items first, then each slot airing in time order,
   * priority ahead of normal inside an airing, back to back from the airing's start. Listing an
   * item hands it to the device (its delivery becomes 'sent').
   */
  async playlist(station: AuthenticatedStation, date: string | undefined): Promise<{ playlist: StationPlaylist; etag: string }> {
    const day = date ?? localDate(new Date(), station.timeZone);
    if (!DATE.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
      throw new InvalidInputError([{ field: 'date', rule: 'date', message: 'Ngày phải có dạng YYYY-MM-DD' }]);
    }
    const { from, to } = localDayBounds(day, station.timeZone);
    const rows = await this.playlists.playlist(station.id, from, to);
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
    const playlist = { stationId: station.id, date: day, timeZone: station.timeZone, items };
    await this.playlists.markSent(items.map((i) => i.itemId));
    return { playlist, etag: etagOf(JSON.stringify(playlist)) };
  }

  async m3u8(station: AuthenticatedStation, date: string | undefined): Promise<{ text: string; etag: string }> {
    const { playlist } = await this.playlist(station, date);
    const lines = ['#EXTM3U', `#PLAYLIST:${playlist.date} ${playlist.stationId}`];
    for (const item of playlist.items) {
      lines.push(
        `#EXT-X-PROGRAM-DATE-TIME:${item.startsAt}`,
        `#EXTINF:${Math.ceil(item.durationMs / 1000)} tincoso-item="${item.itemId}" priority="${item.priority}",${item.title.replace(/[\r\n,]/g, ' ')}`,
        item.audio.url,
      );
    }
    const text = `${lines.join('\n')}\n`;
    return { text, etag: etagOf(text) };
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

  reportPlays(station: AuthenticatedStation, reports: PlayReport[]) {
    return this.playlists.applyPlays(station.id, reports);
  }
}

function etagOf(content: string): string {
  return `"${createHash('sha256').update(content, 'utf8').digest('base64url').slice(0, 32)}"`;
}
