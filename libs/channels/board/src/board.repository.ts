import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { UnitScope } from '#domain/index.js';
import { returning } from '#persistence/returning.js';

export interface BoardRecord {
  id: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  /** The unit's own time zone, when it sets one. */
  unitTimeZone: string | null;
  villageId: string | null;
  villageName: string | null;
  name: string;
  location: string | null;
  tokenIssuedAt: Date;
  lastSeenAt: Date | null;
  shownVersion: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewBoard {
  unitId: string;
  villageId: string | null;
  name: string;
  location: string | null;
  tokenHash: string;
  createdBy: string;
}

export type BoardChanges = Partial<Pick<NewBoard, 'name' | 'location' | 'villageId'>>;

/** A slide as the feed shows it: the message version's board rendition (or its title and body). */
export interface LiveSlideRow {
  id: string;
  deliveryId: string;
  broadcastId: string;
  messageId: string;
  versionNo: number;
  priority: 'normal' | 'priority' | 'emergency';
  title: string;
  body: string;
  imageId: string | null;
  startsAt: Date;
  expiresAt: Date;
}

const BOARD_COLUMNS = `
  b.id, b.unit_id AS "unitId", u.name AS "unitName", u.path::text AS "unitPath", u.time_zone AS "unitTimeZone", b.village_id AS "villageId",
  v.name AS "villageName", b.name, b.location, b.token_issued_at AS "tokenIssuedAt", b.last_seen_at AS "lastSeenAt",
  b.shown_version AS "shownVersion", b.created_at AS "createdAt", b.updated_at AS "updatedAt"
  FROM board b JOIN admin_unit u ON u.id = b.unit_id LEFT JOIN admin_unit v ON v.id = b.village_id`;

/** Boards of units in the target subtrees ($1), only those in the given villages ($2) when some are given. */
const TARGET_BOARDS = `FROM board b JOIN admin_unit u ON u.id = b.unit_id
  WHERE $1::ltree[] @> u.path AND (cardinality($2::uuid[]) = 0 OR b.village_id = ANY($2::uuid[]))`;

/** Bulletin boards, their device tokens and heartbeats, and the slides live on them. */
@Injectable()
export class BoardRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}


  async insert(board: NewBoard, m: EntityManager): Promise<string> {
    const [{ id }] = await m.query(
      `INSERT INTO board (unit_id, village_id, name, location, token_hash, token_issued_at, created_by)
       VALUES ($1, $2, $3, $4, $5, now(), $6) RETURNING id`,
      [board.unitId, board.villageId, board.name, board.location, board.tokenHash, board.createdBy],
    );
    return id;
  }

  async findInScope(scope: UnitScope, id: string, m: EntityManager = this.db.manager): Promise<BoardRecord | null> {
    const [row] = await m.query(`SELECT ${BOARD_COLUMNS} WHERE b.id = $1 AND u.path <@ $2::ltree`, [id, scope.unitPath]);
    return row ?? null;
  }

  async list(
    scope: UnitScope,
    filter: { unitId?: string; limit: number; offset: number },
  ): Promise<{ items: BoardRecord[]; total: number }> {
    const params: unknown[] = [scope.unitPath];
    const where = ['u.path <@ $1::ltree'];
    if (filter.unitId) {
      where.push(`u.path <@ (SELECT path FROM admin_unit WHERE id = $${params.push(filter.unitId)})`);
    }
    const sql = where.join(' AND ');
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM board b JOIN admin_unit u ON u.id = b.unit_id WHERE ${sql}`,
      params,
    );
    const items = await this.db.query(
      `SELECT ${BOARD_COLUMNS} WHERE ${sql} ORDER BY u.path, b.name, b.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { items, total };
  }

  async update(id: string, changes: BoardChanges, m: EntityManager): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    if (changes.name !== undefined) sets.push(`name = $${params.push(changes.name)}`);
    if (changes.location !== undefined) sets.push(`location = $${params.push(changes.location)}`);
    if (changes.villageId !== undefined) sets.push(`village_id = $${params.push(changes.villageId)}`);
    if (sets.length === 0) return;
    await m.query(`UPDATE board SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
  }

  async replaceToken(id: string, tokenHash: string, m: EntityManager): Promise<void> {
    await m.query(`UPDATE board SET token_hash = $2, token_issued_at = now(), updated_at = now() WHERE id = $1`, [id, tokenHash]);
  }

  async delete(id: string, m: EntityManager): Promise<void> {
    await m.query(`DELETE FROM board WHERE id = $1`, [id]);
  }

  /** The board holding this token hash (unscoped: the token is the credential). */
  async findByTokenHash(tokenHash: string): Promise<BoardRecord | null> {
    const [row] = await this.db.query(`SELECT ${BOARD_COLUMNS} WHERE b.token_hash = $1`, [tokenHash]);
    return row ?? null;
  }

  async recordHeartbeat(id: string, shownVersion: string | null): Promise<void> {
    await this.db.query(`UPDATE board SET last_seen_at = now(), shown_version = COALESCE($2, shown_version) WHERE id = $1`, [
      id,
      shownVersion,
    ]);
  }

  /** Boards of the target subtrees (only those in the given villages, when some are given). */
  async countTargets(targetPaths: string[], villageIds: string[]): Promise<number> {
    const [{ n }] = await this.db.query(
      `SELECT count(*)::int AS n ${TARGET_BOARDS}`,
      [targetPaths, villageIds],
    );
    return n;
  }

  /**
   * One delivery and one live slide per target board, in one statement. The delivery is 'sent' at
   * once: the slide is live as soon as it is committed. Planning twice is a no-op (unique key).
   */
  async planSlides(
    m: EntityManager,
    p: {
      occurrenceId: string;
      broadcastId: string;
      messageId: string;
      versionNo: number;
      priority: string;
      targetPaths: string[];
      villageIds: string[];
      startsAt: Date;
      expiresAt: Date;
    },
  ): Promise<number> {
    const [{ n }] = await m.query(
      `WITH planned AS (
         INSERT INTO delivery (occurrence_id, due_at, broadcast_id, channel, endpoint, batch_no, status, not_before, provider, sent_at)
         SELECT $3, (SELECT due_at FROM occurrence WHERE id = $3), $4, 'board', b.id::text, 0, 'sent', $8, 'board', now() ${TARGET_BOARDS}
         ON CONFLICT (occurrence_id, channel, endpoint, due_at) DO NOTHING
         RETURNING id, endpoint),
       slides AS (
         INSERT INTO board_slide (delivery_id, board_id, broadcast_id, message_id, version_no, priority, starts_at, expires_at)
         SELECT id, endpoint::uuid, $4, $5, $6, $7, $8, $9 FROM planned
         RETURNING 1)
       SELECT count(*)::int AS n FROM slides`,
      [p.targetPaths, p.villageIds, p.occurrenceId, p.broadcastId, p.messageId, p.versionNo, p.priority, p.startsAt, p.expiresAt],
    );
    return n;
  }

  async nextOccurrenceAfter(m: EntityManager, broadcastId: string, after: Date): Promise<Date | null> {
    const [row] = await m.query(`SELECT min(due_at) AS next FROM occurrence WHERE broadcast_id = $1 AND due_at > $2`, [broadcastId, after]);
    return row?.next ?? null;
  }

  /**
   * The slides a board shows now: the newest live slide of each broadcast that is not cancelled,
   * emergency first, then priority, then newest. The image is the version's first image attachment.
   */
  async liveSlides(boardId: string): Promise<LiveSlideRow[]> {
    return this.db.query(
      `SELECT * FROM (
         SELECT DISTINCT ON (s.broadcast_id)
                s.id::text, s.delivery_id::text AS "deliveryId", s.broadcast_id AS "broadcastId", s.message_id AS "messageId",
                s.version_no AS "versionNo", s.priority,
                COALESCE(mv.renditions->'board'->>'title', mv.title) AS title,
                COALESCE(mv.renditions->'board'->>'body', mv.body) AS body,
                (SELECT a.id FROM unnest(mv.attachment_ids) WITH ORDINALITY AS x(id, n)
                   JOIN attachment a ON a.id = x.id AND a.kind = 'image' ORDER BY x.n LIMIT 1) AS "imageId",
                s.starts_at AS "startsAt", s.expires_at AS "expiresAt"
           FROM board_slide s
           JOIN broadcast br ON br.id = s.broadcast_id AND br.status <> 'cancelled'
           JOIN message_version mv ON mv.message_id = s.message_id AND mv.version_no = s.version_no
          WHERE s.board_id = $1 AND s.expires_at > now() AND s.starts_at <= now()
          ORDER BY s.broadcast_id, s.starts_at DESC, s.id DESC) live
        ORDER BY CASE priority WHEN 'emergency' THEN 0 WHEN 'priority' THEN 1 ELSE 2 END, "startsAt" DESC, id DESC`,
      [boardId],
    );
  }

  /** When the board's next slide goes live (a slide starting later than now), if any: its feed changes then. */
  async nextSlideStart(boardId: string): Promise<Date | null> {
    const [row] = await this.db.query(
      `SELECT min(starts_at) AS at FROM board_slide WHERE board_id = $1 AND expires_at > now() AND starts_at > now()`,
      [boardId],
    );
    return row?.at ?? null;
  }

  /** The board has shown these slides: their deliveries become 'delivered' (never backwards, only this board's). */
  async markShown(boardId: string, deliveryIds: string[]): Promise<number> {
    if (deliveryIds.length === 0) return 0;
    const rows = await returning(
      this.db.manager,
      `UPDATE delivery SET status = 'delivered', final_at = now(), updated_at = now()
        WHERE id = ANY($1::bigint[]) AND channel = 'board' AND endpoint = $2 AND status = 'sent'
        RETURNING id`,
      [deliveryIds, boardId],
    );
    return rows.length;
  }

  /** Takes a broadcast's live slides down now, on every board; returns the boards that showed them. */
  async withdrawSlides(broadcastId: string, m: EntityManager): Promise<string[]> {
    const rows: { boardId: string }[] = await returning(
      m,
      `UPDATE board_slide SET expires_at = now() WHERE broadcast_id = $1 AND expires_at > now() RETURNING board_id AS "boardId"`,
      [broadcastId],
    );
    return rows.map((r) => r.boardId);
  }

  /** Boards that still had a slide of the broadcast in the last day (a cancelled one no longer shows it). */
  async boardsOfBroadcast(broadcastId: string): Promise<string[]> {
    const rows: { boardId: string }[] = await this.db.query(
      `SELECT DISTINCT board_id AS "boardId" FROM board_slide WHERE broadcast_id = $1 AND expires_at > now() - interval '1 day'`,
      [broadcastId],
    );
    return rows.map((r) => r.boardId);
  }

  /** The broadcast's live slides show this version from now on (an emergency update); returns their boards. */
  async showVersion(broadcastId: string, versionNo: number): Promise<string[]> {
    const rows: { boardId: string }[] = await returning(
      this.db.manager,
      `UPDATE board_slide SET version_no = $2 WHERE broadcast_id = $1 AND expires_at > now() RETURNING board_id AS "boardId"`,
      [broadcastId, versionNo],
    );
    return [...new Set(rows.map((r) => r.boardId))];
  }

  async boardsOfOccurrence(occurrenceId: string): Promise<string[]> {
    const rows: { endpoint: string }[] = await this.db.query(
      `SELECT endpoint FROM delivery WHERE occurrence_id = $1 AND channel = 'board'`,
      [occurrenceId],
    );
    return rows.map((r) => r.endpoint);
  }

  /** An image the board may read: the image of one of its live slides. */
  async slideImage(boardId: string, attachmentId: string): Promise<{ storageKey: string; contentType: string; sizeBytes: number } | null> {
    const [row] = await this.db.query(
      `SELECT a.storage_key AS "storageKey", a.content_type AS "contentType", a.size_bytes::int AS "sizeBytes"
         FROM attachment a
        WHERE a.id = $2 AND a.kind = 'image'
          AND EXISTS (SELECT 1 FROM board_slide s
                        JOIN message_version mv ON mv.message_id = s.message_id AND mv.version_no = s.version_no
                       WHERE s.board_id = $1 AND s.expires_at > now() AND a.id = ANY(mv.attachment_ids))`,
      [boardId, attachmentId],
    );
    return row ?? null;
  }
}
