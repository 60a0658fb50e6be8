import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { PlaylistEntry } from '#domain/loudspeaker/playlist-order.js';
import { returning } from '#persistence/returning.js';
import { SLOT_COLUMNS, type SlotView } from './station.repository.js';
import type { StationAudio } from './station-audio.repository.js';

/** Where one station's copy of an occurrence went: an airing of a slot, now (emergency), or nowhere. */
export interface StationPlacement {
  stationId: string;
  slotId: string | null;
  /** null = no slot had room: the delivery is written 'failed' with reason 'no-slot'. */
  airsAt: Date | null;
}

export interface PlacedItemsInput {
  occurrenceId: string;
  broadcastId: string;
  dueAt: Date;
  audioId: string;
  durationMs: number;
  priority: string;
  title: string;
  contentGroup: string;
  noSlotMessage: string;
  placements: StationPlacement[];
}

export interface AiringLoad {
  stationId: string;
  slotId: string;
  airsAt: Date;
  usedMs: number;
  priorityUsedMs: number;
}

/** A playlist item with what the device is handed; the domain's playingOrder orders them. */
export interface PlaylistRow extends PlaylistEntry {
  slotLabel: string | null;
  title: string;
  contentGroup: string;
  audioId: string;
  contentType: string;
  sizeBytes: number;
  /** Not handed to the device yet: listing it marks it sent (StationSentMarks). */
  planned: boolean;
}

export interface PlayReport {
  itemId: string;
  event: 'start' | 'end' | 'failure';
  at: Date;
  error: string | null;
}

/** Items a device may still play: not cancelled, not refused, and their broadcast not cancelled. */
const LIVE_ITEM = `d.status NOT IN ('cancelled','failed','skipped') AND b.status <> 'cancelled'`;

/** Stations of units in the target subtrees ($1), narrowed to the villages ($2) they sit in or cover, when some are given. */
const TARGET_STATIONS = `FROM station s JOIN admin_unit u ON u.id = s.unit_id
  WHERE $1::ltree[] @> u.path AND (cardinality($2::uuid[]) = 0 OR s.village_ids && $2::uuid[] OR s.unit_id = ANY($2::uuid[]))`;

/** Loudspeaker deliveries and their playlist items: planning, device pulls, play reports, airtime. */
@Injectable()
export class StationPlaylistRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Stations reached by the targets: those of units in the target subtrees, narrowed to the given
   * villages (a station registered at one or covering one). Locked, so concurrent planning for the
   * same station cannot overfill a slot.
   */
  targetStations(m: EntityManager, targetPaths: string[], villageIds: string[]): Promise<{ id: string; timeZone: string | null }[]> {
    return m.query(
      `SELECT s.id, u.time_zone AS "timeZone" ${TARGET_STATIONS} ORDER BY s.id FOR UPDATE OF s`,
      [targetPaths, villageIds],
    );
  }

  countTargetStations(targetPaths: string[], villageIds: string[]): Promise<number> {
    return this.db
      .query(
        `SELECT count(*)::int AS n ${TARGET_STATIONS}`,
        [targetPaths, villageIds],
      )
      .then((rows: { n: number }[]) => rows[0].n);
  }

  /** Stations the targets reach that have no slot of their own or their group's, so nothing placed for them would air. */
  async countTargetStationsWithoutSlots(targetPaths: string[], villageIds: string[]): Promise<number> {
    const [{ n }] = await this.db.query(
      `SELECT count(*)::int AS n ${TARGET_STATIONS}
          AND NOT EXISTS (SELECT 1 FROM station_slot sl WHERE sl.station_id = s.id OR sl.group_id = s.group_id)`,
      [targetPaths, villageIds],
    );
    return n;
  }

  /** Each station's slots (own and its group's). */
  slotsOfStations(m: EntityManager, stationIds: string[]): Promise<(SlotView & { forStation: string })[]> {
    // Two index joins, not one join on `station_id = s.id OR group_id = s.group_id` (a nested loop
    // over every slot per station: seconds at 10,000 stations).
    return m.query(
      `SELECT s.id AS "forStation", ${SLOT_COLUMNS}
         FROM station s JOIN station_slot sl ON sl.station_id = s.id
        WHERE s.id = ANY($1::uuid[])
       UNION ALL
       SELECT s.id AS "forStation", ${SLOT_COLUMNS}
         FROM station s JOIN station_slot sl ON sl.group_id = s.group_id
        WHERE s.id = ANY($1::uuid[]) AND s.group_id IS NOT NULL`,
      [stationIds],
    );
  }

  /** Audio already placed in each airing of these stations between the bounds. */
  loads(m: EntityManager, stationIds: string[], from: Date, to: Date): Promise<AiringLoad[]> {
    return m.query(
      `SELECT i.station_id AS "stationId", i.slot_id AS "slotId", i.airs_at AS "airsAt",
              sum(i.duration_ms)::int AS "usedMs",
              (sum(i.duration_ms) FILTER (WHERE i.priority <> 'normal'))::int AS "priorityUsedMs"
         FROM station_playlist_item i JOIN delivery d ON d.id = i.delivery_id JOIN broadcast b ON b.id = d.broadcast_id
        WHERE i.station_id = ANY($1::uuid[]) AND i.slot_id IS NOT NULL AND i.airs_at >= $2 AND i.airs_at < $3 AND ${LIVE_ITEM}
        GROUP BY i.station_id, i.slot_id, i.airs_at`,
      [stationIds, from, to],
    );
  }

  /**
   * One delivery per station (idempotent on the occurrence/channel/endpoint key) and, for placed
   * ones, its playlist item; unplaced ones are written failed with reason 'no-slot' so the officer
   * sees them. Returns how many items were placed.
   */
  async insertPlaced(m: EntityManager, p: PlacedItemsInput): Promise<number> {
    const stations = p.placements.map((x) => x.stationId);
    const slots = p.placements.map((x) => x.slotId);
    const airs = p.placements.map((x) => x.airsAt);
    const rows: { delivery_id: string }[] = await m.query(
      `WITH x AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS x(station_id, slot_id, airs_at)),
       d AS (
         INSERT INTO delivery (occurrence_id, due_at, broadcast_id, channel, endpoint, batch_no, status, not_before, provider,
                               provider_code, last_error, failure_kind, final_at)
         SELECT $4, (SELECT due_at FROM occurrence WHERE id = $4), $5, 'loudspeaker', x.station_id::text, 0,
                CASE WHEN x.airs_at IS NULL THEN 'failed' ELSE 'planned' END, COALESCE(x.airs_at, $6), 'station',
                CASE WHEN x.airs_at IS NULL THEN 'no-slot' END, CASE WHEN x.airs_at IS NULL THEN $7 END,
                CASE WHEN x.airs_at IS NULL THEN 'permanent' END, CASE WHEN x.airs_at IS NULL THEN now() END
           FROM x
         ON CONFLICT (occurrence_id, channel, endpoint, due_at) DO NOTHING
         RETURNING id, endpoint, status)
       INSERT INTO station_playlist_item (delivery_id, station_id, slot_id, airs_at, audio_id, priority, duration_ms, title, content_group)
       SELECT d.id, x.station_id, x.slot_id, x.airs_at, $8, $9, $10, $11, $12
         FROM d JOIN x ON x.station_id::text = d.endpoint
        WHERE d.status = 'planned'
       RETURNING delivery_id`,
      [stations, slots, airs, p.occurrenceId, p.broadcastId, p.dueAt, p.noSlotMessage, p.audioId, p.priority, p.durationMs, p.title, p.contentGroup],
    );
    return rows.length;
  }

  async stationsWithItems(occurrenceId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      // The channel too: by occurrence alone it read every SMS row of the occurrence (188 ms for 100,000).
      `SELECT i.station_id AS id FROM station_playlist_item i JOIN delivery d ON d.id = i.delivery_id
        WHERE d.occurrence_id = $1 AND d.channel = 'loudspeaker'`,
      [occurrenceId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * A station's live items airing in [from, to), plus any emergency item not yet played; unordered
   * (see playingOrder). One query, driven by ix_station_playlist_item_airs (station_id, airs_at).
   */
  playlist(stationId: string, from: Date, to: Date): Promise<PlaylistRow[]> {
    return this.db.query(
      `SELECT i.delivery_id::text AS "itemId", i.slot_id AS "slotId", sl.label AS "slotLabel", i.airs_at AS "airsAt",
              i.priority, i.duration_ms AS "durationMs", i.title, i.content_group AS "contentGroup", i.audio_id AS "audioId",
              a.content_type AS "contentType", a.size_bytes::float8 AS "sizeBytes", i.created_at AS "createdAt",
              d.status = 'planned' AS planned
         FROM station_playlist_item i
         JOIN delivery d ON d.id = i.delivery_id
         JOIN broadcast b ON b.id = d.broadcast_id
         JOIN loudspeaker_audio a ON a.id = i.audio_id
         LEFT JOIN station_slot sl ON sl.id = i.slot_id
        WHERE i.station_id = $1 AND ${LIVE_ITEM}
          AND ((i.airs_at >= $2 AND i.airs_at < $3)
               OR (i.priority = 'emergency' AND d.status IN ('planned','sent') AND i.airs_at >= now() - interval '1 day'))`,
      [stationId, from, to],
    );
  }

  /**
   * The items of a cancelled broadcast that a station may still hold or play: handed over (sent) or
   * cancelled by the cancellation itself; not those played to the end or refused.
   */
  itemsToStop(broadcastId: string): Promise<{ occurrenceId: string; stationId: string; itemId: string }[]> {
    return this.db.query(
      `SELECT d.occurrence_id AS "occurrenceId", i.station_id AS "stationId", i.delivery_id::text AS "itemId"
         FROM station_playlist_item i JOIN delivery d ON d.id = i.delivery_id
        WHERE d.broadcast_id = $1 AND (d.status = 'sent' OR (d.status = 'cancelled' AND d.failure_reason = 'broadcast-cancelled'))
        ORDER BY d.occurrence_id, i.station_id`,
      [broadcastId],
    );
  }

  /**
   * Items of the broadcast not played to the end (planned, or handed over) take the new audio and the
   * version's title, while the broadcast is live and still at that version (a later update wins).
   * Returns them by occurrence, with the priority, so their stations can be told.
   */
  async replaceAudio(broadcastId: string, versionNo: number, audio: { id: string; durationMs: number }): Promise<{ occurrenceId: string; stationId: string; priority: string }[]> {
    return returning(
      this.db.manager,
      `UPDATE station_playlist_item i SET audio_id = $3, duration_ms = $4, title = mv.title
         FROM delivery d
         JOIN broadcast b ON b.id = d.broadcast_id
         JOIN message_version mv ON mv.message_id = b.message_id AND mv.version_no = $2
        WHERE d.id = i.delivery_id AND d.broadcast_id = $1 AND d.status IN ('planned','sent')
          AND b.status <> 'cancelled' AND b.message_version = $2
        RETURNING d.occurrence_id AS "occurrenceId", i.station_id AS "stationId", b.priority`,
      [broadcastId, versionNo, audio.id, audio.durationMs],
    );
  }

  /** Items handed to devices, at the moment each was listed: planned → sent, in one statement for many pulls. */
  async markSent(items: readonly { itemId: string; at: Date }[]): Promise<void> {
    if (items.length === 0) return;
    await this.db.query(
      `UPDATE delivery d SET status = 'sent', sent_at = x.at, updated_at = now()
         FROM unnest($1::bigint[], $2::timestamptz[]) AS x(id, at)
        WHERE d.id = x.id AND d.status = 'planned'`,
      [items.map((i) => i.itemId), items.map((i) => i.at)],
    );
  }

  /** Stations that air the slot (its own station, or its group's members): removing it changes their playlists. */
  async stationsAiringSlot(m: EntityManager, slotId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT s.id FROM station_slot sl JOIN station s ON s.id = sl.station_id OR s.group_id = sl.group_id WHERE sl.id = $1`,
      [slotId],
    );
    return rows.map((r) => r.id);
  }

  /** Stations holding an item of the broadcast: a cancellation changes all their playlists. */
  async stationsOfBroadcast(broadcastId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT DISTINCT i.station_id AS id FROM station_playlist_item i JOIN delivery d ON d.id = i.delivery_id WHERE d.broadcast_id = $1`,
      [broadcastId],
    );
    return rows.map((r) => r.id);
  }

  /** The audio, when an item of this station refers to it; null otherwise (as if it did not exist). */
  async audioOfStation(stationId: string, audioId: string): Promise<StationAudio | null> {
    const rows = await this.db.query(
      `SELECT a.id, a.storage_key AS "storageKey", a.content_type AS "contentType", a.size_bytes::float8 AS "sizeBytes",
              a.duration_ms AS "durationMs", a.status
         FROM loudspeaker_audio a
        WHERE a.id = $2 AND a.status = 'ready'
          AND EXISTS (SELECT 1 FROM station_playlist_item i WHERE i.station_id = $1 AND i.audio_id = a.id)`,
      [stationId, audioId],
    );
    return rows[0] ?? null;
  }

  /**
   * Device play reports become delivery receipts and move the delivery forward only: start → sent,
   * end → delivered, failure → failed. Reports for items that are not this station's are refused.
   */
  async applyPlays(stationId: string, reports: PlayReport[]): Promise<{ applied: number; unknownItems: string[] }> {
    return this.db.transaction(async (m) => {
      const ids = [...new Set(reports.map((r) => r.itemId))].filter((id) => /^\d{1,18}$/.test(id));
      const own: { id: string }[] = await m.query(
        `SELECT delivery_id::text AS id FROM station_playlist_item WHERE station_id = $1 AND delivery_id = ANY($2::bigint[])`,
        [stationId, ids],
      );
      const known = new Set(own.map((r) => r.id));
      const accepted = reports.filter((r) => known.has(r.itemId)).sort((a, b) => a.at.getTime() - b.at.getTime());
      for (const r of accepted) {
        await m.query(
          `INSERT INTO delivery_receipt (provider, provider_message_id, status, error_code, payload, delivery_id)
           VALUES ('station', $1, $2, $3, $4, $5)`,
          [r.itemId, r.event, r.event === 'failure' ? 'play-failure' : null, JSON.stringify({ stationId, at: r.at.toISOString(), error: r.error }), r.itemId],
        );
        if (r.event === 'start') {
          await m.query(
            `UPDATE delivery SET status = 'sent', sent_at = COALESCE(sent_at, $2), updated_at = now() WHERE id = $1 AND status = 'planned'`,
            [r.itemId, r.at],
          );
        } else if (r.event === 'end') {
          await m.query(
            `UPDATE delivery SET status = 'delivered', sent_at = COALESCE(sent_at, $2), final_at = $2, updated_at = now()
              WHERE id = $1 AND status IN ('planned','sent','unknown')`,
            [r.itemId, r.at],
          );
        } else {
          await m.query(
            `UPDATE delivery SET status = 'failed', failure_kind = 'permanent', provider_code = 'play-failure', last_error = $3,
                    final_at = $2, updated_at = now()
              WHERE id = $1 AND status IN ('planned','sent','unknown')`,
            [r.itemId, r.at, r.error ?? 'thiết bị báo lỗi phát'],
          );
        }
      }
      return { applied: accepted.length, unknownItems: reports.filter((r) => !known.has(r.itemId)).map((r) => r.itemId) };
    });
  }

  /** Minutes on air (played to the end) per local day and content group. */
  airtime(stationId: string, from: Date, to: Date, timeZone: string): Promise<{ day: string; contentGroup: string; minutes: number }[]> {
    return this.db.query(
      `SELECT to_char(d.final_at AT TIME ZONE $4, 'YYYY-MM-DD') AS day, i.content_group AS "contentGroup",
              round(sum(i.duration_ms) / 60000.0, 2)::float8 AS minutes
         FROM station_playlist_item i JOIN delivery d ON d.id = i.delivery_id
        WHERE i.station_id = $1 AND d.status = 'delivered' AND d.final_at >= $2 AND d.final_at < $3
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [stationId, from, to, timeZone],
    );
  }
}
