import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { BrandnameRoute } from '#domain/index.js';

/** A province's sender on one brandname gateway, as stored. */
export interface SmsSenderProfile extends BrandnameRoute {
  unitId: string;
  provider: string;
  updatedAt: Date;
}

export interface SmsSenderProfileInput extends BrandnameRoute {
  unitId: string;
  provider: string;
  updatedBy: string;
}

const COLUMNS = `s.unit_id AS "unitId", s.provider, s.brandname, s.unicode_allowed AS "unicodeAllowed", s.templates, s.updated_at AS "updatedAt"`;

/** The sms_sender_profile rows. People reach a profile through its province, which the service scopes first. */
@Injectable()
export class SmsSenderProfileRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(unitId: string, provider: string): Promise<SmsSenderProfile | null> {
    const rows: SmsSenderProfile[] = await this.db.query(`SELECT ${COLUMNS} FROM sms_sender_profile s WHERE s.unit_id = $1 AND s.provider = $2`, [unitId, provider]);
    return rows[0] ?? null;
  }

  /**
   * The profile a unit sends under: the one of its nearest ancestor (or itself) that has one for this
   * provider, which is its province since profiles are set on provinces only. System work (dispatch,
   * validation of a draft the caller may already send): unscoped.
   */
  async forUnitPath(unitPath: string, provider: string): Promise<SmsSenderProfile | null> {
    const rows: SmsSenderProfile[] = await this.db.query(
      `SELECT ${COLUMNS} FROM sms_sender_profile s JOIN admin_unit u ON u.id = s.unit_id
        WHERE u.path @> $1::ltree AND s.provider = $2 ORDER BY u.depth DESC LIMIT 1`,
      [unitPath, provider],
    );
    return rows[0] ?? null;
  }

  async upsert(m: EntityManager, p: SmsSenderProfileInput): Promise<void> {
    await m.query(
      `INSERT INTO sms_sender_profile (unit_id, provider, brandname, unicode_allowed, templates, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5::text[], $6, now())
       ON CONFLICT (unit_id, provider) DO UPDATE SET brandname = EXCLUDED.brandname, unicode_allowed = EXCLUDED.unicode_allowed,
         templates = EXCLUDED.templates, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [p.unitId, p.provider, p.brandname, p.unicodeAllowed, p.templates, p.updatedBy],
    );
  }

  async remove(m: EntityManager, unitId: string, provider: string): Promise<boolean> {
    const rows: unknown[] = await m.query(`DELETE FROM sms_sender_profile WHERE unit_id = $1 AND provider = $2 RETURNING unit_id`, [unitId, provider]);
    return rows.length > 0;
  }
}
