import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface PublishedMessage {
  id: string;
  title: string;
  body: string;
  contentGroup: string;
  unitId: string;
  unitName: string;
  publishedAt: Date;
  updatedAt: Date;
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
  SELECT DISTINCT ON (m.id) m.id, v.title, v.body, v.content_group AS "contentGroup", m.unit_id AS "unitId",
         u.full_name AS "unitName", first_run.at AS "publishedAt", o.due_at AS "updatedAt"
    FROM message m
    JOIN admin_unit u ON u.id = m.unit_id
    JOIN broadcast b ON b.message_id = m.id AND b.status <> 'cancelled'
    JOIN occurrence o ON o.broadcast_id = b.id AND o.status IN ('planned','completed') AND o.message_version IS NOT NULL
    JOIN message_version v ON v.message_id = m.id AND v.version_no = o.message_version
    CROSS JOIN LATERAL (
      SELECT min(o2.due_at) AS at FROM occurrence o2 JOIN broadcast b2 ON b2.id = o2.broadcast_id
       WHERE b2.message_id = m.id AND b2.status <> 'cancelled' AND o2.status IN ('planned','completed')) first_run`;

/** Public reads: the unit feeds and the public message page. Only published messages are ever returned. */
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
      `SELECT * FROM (${PUBLISHED}
        WHERE ${subtree ? 'u.path <@ $1::ltree' : 'u.path = $1::ltree'}
        ORDER BY m.id, o.message_version DESC, o.due_at DESC) p
       ORDER BY "publishedAt" DESC, id LIMIT $2`,
      [unitPath, limit],
    );
  }

  async message(id: string): Promise<PublishedMessage | null> {
    const [row] = await this.db.query(`${PUBLISHED} WHERE m.id = $1 ORDER BY m.id, o.message_version DESC, o.due_at DESC`, [id]);
    return row ?? null;
  }
}
