import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** An image attachment of the version a message's page shows. */
export interface PublicImage {
  id: string;
  contentType: string;
  sizeBytes: number;
}

export interface PublishedMessage {
  id: string;
  /** The version shown: the latest that ran. */
  versionNo: number;
  title: string;
  body: string;
  contentGroup: string;
  unitId: string;
  unitName: string;
  publishedAt: Date;
  updatedAt: Date;
  /** The version's image attachments, in the version's order. */
  images: PublicImage[];
}

export interface FeedUnit {
  id: string;
  name: string;
  fullName: string;
  path: string;
}

/**
 * A message is published once an occurrence of one of its non-cancelled broadcasts has run (planned
 * or completed): from then on it is public, with the content of the latest version that ran.
 * Approval alone does not publish, and a broadcast cancelled before it ran publishes nothing.
 */
const PUBLISHED = `
  SELECT DISTINCT ON (m.id) m.id, v.version_no AS "versionNo", v.title, v.body, v.content_group AS "contentGroup", m.unit_id AS "unitId",
         u.full_name AS "unitName", first_run.at AS "publishedAt", o.due_at AS "updatedAt"
    FROM message m
    JOIN admin_unit u ON u.id = m.unit_id
    JOIN broadcast b ON b.message_id = m.id AND b.status <> 'cancelled'
    JOIN occurrence o ON o.broadcast_id = b.id AND o.status IN ('planned','completed') AND o.message_version IS NOT NULL
    JOIN message_version v ON v.message_id = m.id AND v.version_no = o.message_version
    CROSS JOIN LATERAL (
      SELECT min(o2.due_at) AS at FROM occurrence o2 JOIN broadcast b2 ON b2.id = o2.broadcast_id
       WHERE b2.message_id = m.id AND b2.status <> 'cancelled' AND o2.status IN ('planned','completed')) first_run`;

/** After a WHERE on PUBLISHED: keeps, per message, the latest version that ran. */
const LATEST = 'ORDER BY m.id, o.message_version DESC, o.due_at DESC';

/** The image attachments of the version a PUBLISHED row `p` shows, in the version's order, as JSON. */
const IMAGES = `COALESCE((
  SELECT json_agg(json_build_object('id', a.id, 'contentType', a.content_type, 'sizeBytes', a.size_bytes) ORDER BY x.n)
    FROM message_version mv
    CROSS JOIN LATERAL unnest(mv.attachment_ids) WITH ORDINALITY AS x(id, n)
    JOIN attachment a ON a.id = x.id AND a.kind = 'image'
   WHERE mv.message_id = p.id AND mv.version_no = p."versionNo"), '[]') AS images`;

/** Public reads: the unit feeds, the public message page and its images. Only published messages are ever returned. */
@Injectable()
export class FeedRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async unit(id: string): Promise<FeedUnit | null> {
    const [row] = await this.db.query(`SELECT id, name, full_name AS "fullName", path::text AS path FROM admin_unit WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** The unit's own messages, or (subtree) those of every unit under it; newest first. */
  async published(unitPath: string, subtree: boolean, limit: number): Promise<PublishedMessage[]> {
    return this.db.query(
      `SELECT p.*, ${IMAGES} FROM (${PUBLISHED}
        WHERE ${subtree ? 'u.path <@ $1::ltree' : 'u.path = $1::ltree'} ${LATEST}) p
       ORDER BY "publishedAt" DESC, id LIMIT $2`,
      [unitPath, limit],
    );
  }

  async message(id: string): Promise<PublishedMessage | null> {
    const [row] = await this.db.query(`SELECT p.*, ${IMAGES} FROM (${PUBLISHED} WHERE m.id = $1 ${LATEST}) p`, [id]);
    return row ?? null;
  }

  /** An image attachment of the version the message's page shows; null for anything else. */
  async pageImage(messageId: string, attachmentId: string): Promise<{ storageKey: string; contentType: string; sizeBytes: number } | null> {
    const [row] = await this.db.query(
      `SELECT a.storage_key AS "storageKey", a.content_type AS "contentType", a.size_bytes::float8 AS "sizeBytes"
         FROM (${PUBLISHED} WHERE m.id = $1 ${LATEST}) p
         JOIN message_version mv ON mv.message_id = p.id AND mv.version_no = p."versionNo"
         JOIN attachment a ON a.id = $2 AND a.kind = 'image' AND a.id = ANY(mv.attachment_ids)`,
      [messageId, attachmentId],
    );
    return row ?? null;
  }
}
