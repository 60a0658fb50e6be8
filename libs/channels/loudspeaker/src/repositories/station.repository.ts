import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { UnitScope, WeeklySlot } from '#domain/index.js';
import type { StationKind } from '#persistence/entities/index.js';
import { returning } from '#persistence/returning.js';

/** A station with what scoped writes and audit need (the service leaves `unitPath` out of its answers). */
export interface StationRecord {
  id: string;
  unitId: string;
  unitPath: string;
  /** The unit's own time zone, when it sets one. */
  timeZone: string | null;
  groupId: string | null;
  name: string;
  kind: StationKind;
  vendor: string | null;
  location: string | null;
  villageIds: string[];
  lastSeenAt: Date | null;
  lastStatus: Record<string, unknown> | null;
  createdAt: Date;
}

export interface StationFields {
  name: string;
  kind: StationKind;
  vendor: string | null;
  location: string | null;
  villageIds: string[];
  groupId: string | null;
}

export interface GroupView {
  id: string;
  unitId: string;
  name: string;
  createdAt: Date;
}

export interface SlotView extends WeeklySlot {
  stationId: string | null;
  groupId: string | null;
}

/** An item placed in a slot airing, as a station's day programme shows it. */
export interface PlacedItemRow {
  slotId: string;
  airsAt: Date;
  broadcastId: string;
  messageTitle: string;
  priority: 'normal' | 'priority' | 'emergency';
  durationSeconds: number;
  status: string;
}

const STATION_COLUMNS = `s.id, s.unit_id AS "unitId", u.path::text AS "unitPath", u.time_zone AS "timeZone", s.group_id AS "groupId",
  s.name, s.kind, s.vendor, s.location, s.village_ids AS "villageIds", s.last_seen_at AS "lastSeenAt", s.last_status AS "lastStatus",
  s.created_at AS "createdAt"`;

/** A slot's columns, read from `station_slot sl`. */
export const SLOT_COLUMNS = `sl.id, sl.station_id AS "stationId", sl.group_id AS "groupId", sl.label, sl.days_of_week::int[] AS "daysOfWeek",
  sl.start_time AS "startTime", sl.end_time AS "endTime", to_char(sl.valid_from, 'YYYY-MM-DD') AS "validFrom",
  to_char(sl.valid_until, 'YYYY-MM-DD') AS "validUntil"`;

/** Stations, groups and slots for officers; every read is scoped by the caller's unit subtree. */
@Injectable()
export class StationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}


  async insert(m: EntityManager, unitId: string, fields: StationFields, tokenHash: string): Promise<string> {
    const [{ id }] = await m.query(
      `INSERT INTO station (unit_id, group_id, name, kind, vendor, location, village_ids, token_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [unitId, fields.groupId, fields.name, fields.kind, fields.vendor, fields.location, fields.villageIds, tokenHash],
    );
    return id;
  }

  async update(m: EntityManager, id: string, fields: StationFields): Promise<void> {
    await m.query(
      `UPDATE station SET group_id = $2, name = $3, kind = $4, vendor = $5, location = $6, village_ids = $7 WHERE id = $1`,
      [id, fields.groupId, fields.name, fields.kind, fields.vendor, fields.location, fields.villageIds],
    );
  }

  async setTokenHash(m: EntityManager, id: string, tokenHash: string): Promise<void> {
    await m.query(`UPDATE station SET token_hash = $2 WHERE id = $1`, [id, tokenHash]);
  }

  /** Removes the station; what it had not yet been handed is cancelled, so its occurrences can complete. */
  async delete(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `UPDATE delivery SET status = 'cancelled', final_at = now(), updated_at = now(), failure_reason = 'station-deleted'
        WHERE channel = 'loudspeaker' AND endpoint = $1 AND status = 'planned'`,
      [id],
    );
    await m.query(`DELETE FROM station WHERE id = $1`, [id]);
  }

  async findInScope(scope: UnitScope, id: string): Promise<StationRecord | null> {
    const rows: StationRecord[] = await this.db.query(
      `SELECT ${STATION_COLUMNS} FROM station s JOIN admin_unit u ON u.id = s.unit_id WHERE s.id = $1 AND u.path <@ $2::ltree`,
      [id, scope.unitPath],
    );
    return rows[0] ?? null;
  }

  async list(scope: UnitScope, filter: { limit: number; offset: number }): Promise<{ items: StationRecord[]; total: number }> {
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM station s JOIN admin_unit u ON u.id = s.unit_id WHERE u.path <@ $1::ltree`,
      [scope.unitPath],
    );
    const items: StationRecord[] = await this.db.query(
      `SELECT ${STATION_COLUMNS} FROM station s JOIN admin_unit u ON u.id = s.unit_id
        WHERE u.path <@ $1::ltree ORDER BY s.name, s.id LIMIT $2 OFFSET $3`,
      [scope.unitPath, filter.limit, filter.offset],
    );
    return { items, total };
  }

  async insertGroup(m: EntityManager, unitId: string, name: string): Promise<GroupView> {
    const [row] = await m.query(
      `INSERT INTO station_group (unit_id, name) VALUES ($1, $2) RETURNING id, unit_id AS "unitId", name, created_at AS "createdAt"`,
      [unitId, name],
    );
    return row;
  }

  async findGroupInScope(scope: UnitScope, id: string): Promise<(GroupView & { unitPath: string }) | null> {
    const rows = await this.db.query(
      `SELECT g.id, g.unit_id AS "unitId", g.name, g.created_at AS "createdAt", u.path::text AS "unitPath"
         FROM station_group g JOIN admin_unit u ON u.id = g.unit_id WHERE g.id = $1 AND u.path <@ $2::ltree`,
      [id, scope.unitPath],
    );
    return rows[0] ?? null;
  }

  listGroups(scope: UnitScope): Promise<GroupView[]> {
    return this.db.query(
      `SELECT g.id, g.unit_id AS "unitId", g.name, g.created_at AS "createdAt"
         FROM station_group g JOIN admin_unit u ON u.id = g.unit_id WHERE u.path <@ $1::ltree ORDER BY g.name, g.id`,
      [scope.unitPath],
    );
  }

  /** Locks the owner's slot list so two officers cannot add clashing slots at once. */
  async lockOwner(m: EntityManager, owner: { stationId: string } | { groupId: string }): Promise<void> {
    if ('stationId' in owner) await m.query(`SELECT 1 FROM station WHERE id = $1 FOR UPDATE`, [owner.stationId]);
    else await m.query(`SELECT 1 FROM station_group WHERE id = $1 FOR UPDATE`, [owner.groupId]);
  }

  /**
   * Every slot that airs on the same loudspeakers as the owner: a station's own slots and its
   * group's; for a group, its slots and those of each member station.
   */
  sharingAirtime(m: EntityManager, owner: { stationId: string; groupId: string | null } | { groupId: string }): Promise<SlotView[]> {
    if ('stationId' in owner) {
      return m.query(`SELECT ${SLOT_COLUMNS} FROM station_slot sl WHERE sl.station_id = $1 OR sl.group_id = $2`, [owner.stationId, owner.groupId]);
    }
    return m.query(
      `SELECT ${SLOT_COLUMNS} FROM station_slot sl
        WHERE sl.group_id = $1 OR sl.station_id IN (SELECT id FROM station WHERE group_id = $1)`,
      [owner.groupId],
    );
  }

  async insertSlot(m: EntityManager, owner: { stationId: string | null; groupId: string | null }, slot: Omit<WeeklySlot, 'id'>): Promise<SlotView> {
    const [row] = await m.query(
      `INSERT INTO station_slot AS sl (station_id, group_id, label, days_of_week, start_time, end_time, valid_from, valid_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${SLOT_COLUMNS}`,
      [owner.stationId, owner.groupId, slot.label, slot.daysOfWeek, slot.startTime, slot.endTime, slot.validFrom, slot.validUntil],
    );
    return row;
  }

  /** A slot in the caller's subtree (through its station's or group's unit), with that unit's path. */
  async findSlotInScope(scope: UnitScope, id: string): Promise<(SlotView & { unitId: string; unitPath: string }) | null> {
    const rows = await this.db.query(
      `SELECT ${SLOT_COLUMNS}, u.id AS "unitId", u.path::text AS "unitPath"
         FROM station_slot sl
         LEFT JOIN station s ON s.id = sl.station_id
         LEFT JOIN station_group g ON g.id = sl.group_id
         JOIN admin_unit u ON u.id = COALESCE(s.unit_id, g.unit_id)
        WHERE sl.id = $1 AND u.path <@ $2::ltree`,
      [id, scope.unitPath],
    );
    return rows[0] ?? null;
  }

  async deleteSlot(m: EntityManager, id: string): Promise<void> {
    await m.query(`DELETE FROM station_slot WHERE id = $1`, [id]);
  }

  /** The slots a station airs: its own and its group's. */
  slotsOfStation(stationId: string): Promise<SlotView[]> {
    return this.db.query(
      `SELECT ${SLOT_COLUMNS} FROM station_slot sl JOIN station s ON s.id = $1
        WHERE sl.station_id = s.id OR sl.group_id = s.group_id ORDER BY sl.start_time, sl.id`,
      [stationId],
    );
  }

  /** Slots of a group (for the group view). */
  slotsOfGroup(groupId: string): Promise<SlotView[]> {
    return this.db.query(`SELECT ${SLOT_COLUMNS} FROM station_slot sl WHERE sl.group_id = $1 ORDER BY sl.start_time, sl.id`, [groupId]);
  }

  /** Items placed in this station's slot airings starting in [from, to), with their delivery's state, in playing order. */
  placedItems(stationId: string, from: Date, to: Date): Promise<PlacedItemRow[]> {
    return this.db.query(
      `SELECT i.slot_id AS "slotId", i.airs_at AS "airsAt", d.broadcast_id AS "broadcastId", i.title AS "messageTitle",
              i.priority, round(i.duration_ms / 1000.0)::int AS "durationSeconds", d.status
         FROM station_playlist_item i JOIN delivery d ON d.id = i.delivery_id
        WHERE i.station_id = $1 AND i.slot_id IS NOT NULL AND i.airs_at >= $2 AND i.airs_at < $3
        ORDER BY i.airs_at, CASE i.priority WHEN 'emergency' THEN 0 WHEN 'priority' THEN 1 ELSE 2 END, i.created_at, i.delivery_id`,
      [stationId, from, to],
    );
  }

  /** The station a device token belongs to. */
  async findByTokenHash(tokenHash: string): Promise<{ id: string; unitId: string; timeZone: string | null } | null> {
    const rows = await this.db.query(
      `SELECT s.id, s.unit_id AS "unitId", u.time_zone AS "timeZone" FROM station s JOIN admin_unit u ON u.id = s.unit_id
        WHERE s.token_hash = $1`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async heartbeat(stationId: string, status: Record<string, unknown>): Promise<Date> {
    const rows: { lastSeenAt: Date }[] = await returning(
      this.db.manager,
      `UPDATE station SET last_seen_at = now(), last_status = $2 WHERE id = $1 RETURNING last_seen_at AS "lastSeenAt"`,
      [stationId, JSON.stringify(status)],
    );
    return rows[0].lastSeenAt;
  }
}
