import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { RelayStatus } from '#persistence/entities/relay.entity.js';
import type { StationPlacement } from '../repositories/station-playlist.repository.js';

/** A relay as the commune's list shows it. */
export interface RelayView {
  id: string;
  broadcastId: string;
  occurrenceId: string;
  dueAt: Date;
  unitId: string;
  unitName: string;
  sourceUnitId: string;
  sourceUnitName: string;
  title: string;
  contentGroup: string;
  audioId: string;
  durationMs: number;
  deadlineAt: Date;
  status: RelayStatus;
  slotId: string | null;
  slotLabel: string | null;
  airsAt: Date | null;
  placedBy: string | null;
  placedAt: Date | null;
  stations: number;
}

/** What placing needs: the relay, its commune's path (audit) and its broadcast's time zone. */
export interface RelayToPlace {
  id: string;
  occurrenceId: string;
  broadcastId: string;
  unitId: string;
  unitPath: string;
  durationMs: number;
  deadlineAt: Date;
  status: RelayStatus;
  timeZone: string;
}

export interface RelayStation {
  id: string;
  timeZone: string | null;
}

/** One commune's line of the province's report on a broadcast's relays. */
export interface RelayReportRow {
  relayId: string;
  occurrenceId: string;
  dueAt: Date;
  unitId: string;
  unitName: string;
  status: RelayStatus;
  deadlineAt: Date;
  slotLabel: string | null;
  airsAt: Date | null;
  placedBy: string | null;
  placedByName: string | null;
  placedAt: Date | null;
  stations: number;
  played: number;
  failed: number;
  cancelled: number;
  /** When the last placed item's audio ends (null while nothing is placed). */
  lastEndsAt: Date | null;
}

export interface NewRelays {
  occurrenceId: string;
  broadcastId: string;
  dueAt: Date;
  deadlineAt: Date;
  audioId: string;
  durationMs: number;
  title: string;
  contentGroup: string;
  stations: { stationId: string; unitId: string }[];
}

const VIEW = `r.id::text AS id, r.broadcast_id AS "broadcastId", r.occurrence_id AS "occurrenceId", o.due_at AS "dueAt",
  r.unit_id AS "unitId", u.full_name AS "unitName", b.unit_id AS "sourceUnitId", su.full_name AS "sourceUnitName",
  r.title, r.content_group AS "contentGroup", r.audio_id AS "audioId", r.duration_ms AS "durationMs", r.deadline_at AS "deadlineAt",
  r.status, r.slot_id AS "slotId", sl.label AS "slotLabel", r.airs_at AS "airsAt", r.placed_by AS "placedBy", r.placed_at AS "placedAt",
  (SELECT count(*)::int FROM delivery d JOIN station s ON s.id::text = d.endpoint AND s.unit_id = r.unit_id
    WHERE d.occurrence_id = r.occurrence_id AND d.channel = 'loudspeaker') AS stations`;

const FROM = `FROM station_relay r
  JOIN occurrence o ON o.id = r.occurrence_id
  JOIN broadcast b ON b.id = r.broadcast_id
  JOIN admin_unit u ON u.id = r.unit_id
  JOIN admin_unit su ON su.id = b.unit_id
  LEFT JOIN station_slot sl ON sl.id = r.slot_id`;

/** The commune's deliveries of a relay that have no playlist item yet (what placing still has to place). */
const UNPLACED = `FROM station_relay r
  JOIN delivery d ON d.occurrence_id = r.occurrence_id AND d.channel = 'loudspeaker' AND d.status = 'planned'
  JOIN station s ON s.id::text = d.endpoint AND s.unit_id = r.unit_id
  JOIN admin_unit u ON u.id = s.unit_id
 WHERE r.id = $1 AND NOT EXISTS (SELECT 1 FROM station_playlist_item i WHERE i.delivery_id = d.id)`;

/** Relays: written by the loudspeaker planner, placed by officers or by the deadline sweep, reported to the province. */
@Injectable()
export class RelayRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The broadcast's unit when it is a province or a district (whose normal bulletins are relayed), else null. */
  async upperUnit(m: EntityManager, unitId: string): Promise<{ path: string } | null> {
    const rows: { path: string }[] = await m.query(`SELECT path::text AS path FROM admin_unit WHERE id = $1 AND level IN ('province','district')`, [unitId]);
    return rows[0] ?? null;
  }

  /** The stations' units, for those strictly below `upperPath` (a province's own stations are not relayed to). */
  stationsBelow(m: EntityManager, stationIds: string[], upperPath: string): Promise<{ stationId: string; unitId: string }[]> {
    return m.query(
      `SELECT s.id AS "stationId", s.unit_id AS "unitId" FROM station s JOIN admin_unit u ON u.id = s.unit_id
        WHERE s.id = ANY($1::uuid[]) AND u.path <@ $2::ltree AND u.path <> $2::ltree`,
      [stationIds, upperPath],
    );
  }

  /** The push's own deadline, else the nearest setting of the unit or an ancestor, else 24 hours. */
  async deadlineHours(m: EntityManager, broadcastId: string, upperPath: string): Promise<number> {
    const [{ hours }] = await m.query(
      `SELECT COALESCE(
         (SELECT deadline_hours FROM system_push WHERE broadcast_id = $1),
         (SELECT rs.deadline_hours FROM relay_setting rs JOIN admin_unit u ON u.id = rs.unit_id
           WHERE $2::ltree <@ u.path ORDER BY nlevel(u.path) DESC LIMIT 1),
         24)::int AS hours`,
      [broadcastId, upperPath],
    );
    return hours;
  }

  /** A planned delivery per station (no playlist item yet) and one waiting relay per commune; idempotent. */
  async insertWaiting(m: EntityManager, r: NewRelays): Promise<void> {
    await m.query(
      `INSERT INTO delivery (occurrence_id, due_at, broadcast_id, channel, endpoint, batch_no, status, not_before, provider)
       SELECT $1, (SELECT due_at FROM occurrence WHERE id = $1), $2, 'loudspeaker', x::text, 0, 'planned', $3, 'station' FROM unnest($4::uuid[]) AS x
       ON CONFLICT (occurrence_id, channel, endpoint, due_at) DO NOTHING`,
      [r.occurrenceId, r.broadcastId, r.dueAt, r.stations.map((s) => s.stationId)],
    );
    await m.query(
      `INSERT INTO station_relay (occurrence_id, broadcast_id, unit_id, audio_id, duration_ms, title, content_group, deadline_at)
       SELECT $1, $2, u, $3, $4, $5, $6, $7 FROM unnest($8::uuid[]) AS u
       ON CONFLICT (occurrence_id, unit_id) DO NOTHING`,
      [r.occurrenceId, r.broadcastId, r.audioId, r.durationMs, r.title, r.contentGroup, r.deadlineAt, [...new Set(r.stations.map((s) => s.unitId))]],
    );
  }

  async list(unitPath: string, filter: { status?: RelayStatus; limit: number; offset: number }): Promise<{ items: RelayView[]; total: number }> {
    const rows: (RelayView & { total: number })[] = await this.db.query(
      `SELECT ${VIEW}, count(*) OVER ()::int AS total ${FROM}
        WHERE u.path <@ $1::ltree AND b.status <> 'cancelled' AND ($2::text IS NULL OR r.status = $2)
        ORDER BY (r.status = 'waiting') DESC, r.deadline_at, r.id LIMIT $3 OFFSET $4`,
      [unitPath, filter.status ?? null, filter.limit, filter.offset],
    );
    return { items: rows.map(({ total: _t, ...view }) => view), total: rows[0]?.total ?? 0 };
  }

  async findScoped(id: string, unitPath: string): Promise<RelayView | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const rows: RelayView[] = await this.db.query(`SELECT ${VIEW} ${FROM} WHERE r.id = $1 AND u.path <@ $2::ltree`, [id, unitPath]);
    return rows[0] ?? null;
  }

  /** The relay (locked for placing unless `forUpdate` is false), when it lies in the scope (null scope: system work) and its broadcast is live. */
  async lock(m: EntityManager, id: string, unitPath: string | null, forUpdate = true): Promise<RelayToPlace | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const rows: RelayToPlace[] = await m.query(
      `SELECT r.id::text AS id, r.occurrence_id AS "occurrenceId", r.broadcast_id AS "broadcastId", r.unit_id AS "unitId",
              u.path::text AS "unitPath", r.duration_ms AS "durationMs", r.deadline_at AS "deadlineAt", r.status, b.time_zone AS "timeZone"
         FROM station_relay r JOIN admin_unit u ON u.id = r.unit_id JOIN broadcast b ON b.id = r.broadcast_id
        WHERE r.id = $1 AND ($2::ltree IS NULL OR u.path <@ $2::ltree) AND b.status <> 'cancelled'
        ${forUpdate ? 'FOR UPDATE OF r' : ''}`,
      [id, unitPath],
    );
    return rows[0] ?? null;
  }

  /** Waiting relays past their deadline, locked; relays another sweep holds are skipped. */
  async lockDue(m: EntityManager, now: Date, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT r.id::text AS id FROM station_relay r JOIN broadcast b ON b.id = r.broadcast_id
        WHERE r.status = 'waiting' AND r.deadline_at <= $1 AND b.status <> 'cancelled'
        ORDER BY r.deadline_at, r.id LIMIT $2 FOR UPDATE OF r SKIP LOCKED`,
      [now, limit],
    );
    return rows.map((r) => r.id);
  }

  /** The commune's stations that still wait for this relay, locked (unless asked not to) so placements cannot overfill a slot. */
  unplacedStations(m: EntityManager, relayId: string, forUpdate = true): Promise<RelayStation[]> {
    return m.query(`SELECT s.id, u.time_zone AS "timeZone" ${UNPLACED} ORDER BY s.id ${forUpdate ? 'FOR UPDATE OF s' : ''}`, [relayId]);
  }

  /**
   * The relay's playlist items where placed, and its deliveries refused ('no-slot') where no airing
   * had room; the relay records who placed it, where and when. Only deliveries still without an item move.
   */
  async writePlacement(
    m: EntityManager,
    relayId: string,
    placements: StationPlacement[],
    outcome: { status: RelayStatus; placedBy: string | null; slotId: string | null; airsAt: Date | null; noSlotMessage: string },
  ): Promise<void> {
    const params = [relayId, placements.map((p) => p.stationId), placements.map((p) => p.slotId), placements.map((p) => p.airsAt)];
    const placed = `x AS (SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::timestamptz[]) AS x(station_id, slot_id, airs_at)),
      t AS (SELECT d.id AS delivery_id, x.*, r.audio_id, r.duration_ms, r.title, r.content_group
              FROM station_relay r JOIN delivery d ON d.occurrence_id = r.occurrence_id AND d.channel = 'loudspeaker' AND d.status = 'planned'
              JOIN x ON x.station_id::text = d.endpoint
             WHERE r.id = $1 AND NOT EXISTS (SELECT 1 FROM station_playlist_item i WHERE i.delivery_id = d.id))`;
    // Deliveries first (items are what `t` excludes), then the items.
    await m.query(
      `WITH ${placed}
       UPDATE delivery d SET status = 'failed', provider_code = 'no-slot', last_error = $5, failure_kind = 'permanent', final_at = now(), updated_at = now()
         FROM t WHERE d.id = t.delivery_id AND t.airs_at IS NULL`,
      [...params, outcome.noSlotMessage],
    );
    await m.query(
      `WITH ${placed}
       UPDATE delivery d SET not_before = t.airs_at, updated_at = now() FROM t WHERE d.id = t.delivery_id AND t.airs_at IS NOT NULL`,
      params,
    );
    await m.query(
      `WITH ${placed}
       INSERT INTO station_playlist_item (delivery_id, station_id, slot_id, airs_at, audio_id, priority, duration_ms, title, content_group)
       SELECT delivery_id, station_id, slot_id, airs_at, audio_id, 'normal', duration_ms, title, content_group FROM t WHERE airs_at IS NOT NULL`,
      params,
    );
    await m.query(
      `UPDATE station_relay SET status = $2, placed_by = $3, placed_at = now(), slot_id = $4, airs_at = $5 WHERE id = $1`,
      [relayId, outcome.status, outcome.placedBy, outcome.slotId, outcome.airsAt],
    );
  }

  /** Per commune and occurrence: placement, and what the stations reported (played = played to the end). */
  report(broadcastId: string): Promise<RelayReportRow[]> {
    return this.db.query(
      `SELECT r.id::text AS "relayId", r.occurrence_id AS "occurrenceId", o.due_at AS "dueAt", r.unit_id AS "unitId", u.full_name AS "unitName",
              r.status, r.deadline_at AS "deadlineAt", sl.label AS "slotLabel", r.airs_at AS "airsAt", r.placed_by AS "placedBy",
              pu.display_name AS "placedByName", r.placed_at AS "placedAt",
              count(d.id)::int AS stations,
              (count(d.id) FILTER (WHERE d.status = 'delivered'))::int AS played,
              (count(d.id) FILTER (WHERE d.status IN ('failed','undelivered')))::int AS failed,
              (count(d.id) FILTER (WHERE d.status IN ('cancelled','skipped')))::int AS cancelled,
              max(i.airs_at + i.duration_ms * interval '1 millisecond') AS "lastEndsAt"
         FROM station_relay r
         JOIN occurrence o ON o.id = r.occurrence_id
         JOIN admin_unit u ON u.id = r.unit_id
         LEFT JOIN station_slot sl ON sl.id = r.slot_id
         LEFT JOIN app_user pu ON pu.id = r.placed_by
         LEFT JOIN station s ON s.unit_id = r.unit_id
         LEFT JOIN delivery d ON d.occurrence_id = r.occurrence_id AND d.channel = 'loudspeaker' AND d.endpoint = s.id::text
         LEFT JOIN station_playlist_item i ON i.delivery_id = d.id
        WHERE r.broadcast_id = $1
        GROUP BY r.id, o.due_at, u.full_name, sl.label, pu.display_name
        ORDER BY o.due_at, u.full_name, r.id`,
      [broadcastId],
    );
  }

  /** Labels of the slots these stations air (their own and their groups'). */
  async slotLabels(m: EntityManager, stationIds: string[]): Promise<Map<string, string>> {
    const rows: { id: string; label: string }[] = await m.query(
      `SELECT DISTINCT sl.id, sl.label FROM station s JOIN station_slot sl ON sl.station_id = s.id OR sl.group_id = s.group_id WHERE s.id = ANY($1::uuid[])`,
      [stationIds],
    );
    return new Map(rows.map((r) => [r.id, r.label]));
  }

  /** The broadcast's unit when the broadcast lies in the caller's subtree. */
  async broadcastInScope(broadcastId: string, unitPath: string): Promise<{ unitId: string; unitPath: string } | null> {
    const rows: { unitId: string; unitPath: string }[] = await this.db.query(
      `SELECT b.unit_id AS "unitId", u.path::text AS "unitPath" FROM broadcast b JOIN admin_unit u ON u.id = b.unit_id WHERE b.id = $1 AND u.path <@ $2::ltree`,
      [broadcastId, unitPath],
    );
    return rows[0] ?? null;
  }

  async setting(unitId: string): Promise<number | null> {
    const rows: { hours: number }[] = await this.db.query(`SELECT deadline_hours AS hours FROM relay_setting WHERE unit_id = $1`, [unitId]);
    return rows[0]?.hours ?? null;
  }

  async saveSetting(m: EntityManager, unitId: string, hours: number, by: string): Promise<void> {
    await m.query(
      `INSERT INTO relay_setting (unit_id, deadline_hours, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (unit_id) DO UPDATE SET deadline_hours = EXCLUDED.deadline_hours, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [unitId, hours, by],
    );
  }
}
