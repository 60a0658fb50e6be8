import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** What the API shows of a registered system: never its secret, sealed or not. */
export interface UpperSystemView {
  id: string;
  unitId: string;
  unitName: string;
  name: string;
  keyId: string;
  trusted: boolean;
  active: boolean;
  rotatedAt: Date | null;
  createdAt: Date;
}

/** A system as the signature check needs it: its unit's path and its sealed secret. */
export interface UpperSystemCredentials {
  id: string;
  name: string;
  unitId: string;
  unitPath: string;
  /** The system's own (locked) account, which authors what it sends. */
  userId: string;
  trusted: boolean;
  active: boolean;
  secretEnc: string;
}

export interface NewUpperSystem {
  unitId: string;
  userId: string;
  name: string;
  keyId: string;
  secretEnc: string;
  trusted: boolean;
  createdBy: string;
}

const VIEW = `s.id, s.unit_id AS "unitId", u.full_name AS "unitName", s.name, s.key_id AS "keyId", s.trusted, s.active,
  s.rotated_at AS "rotatedAt", s.created_at AS "createdAt"`;

/** Upper-level systems. Reads for people are scoped to the caller's subtree. */
@Injectable()
export class UpperSystemRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The system's own account: a supervisor of its unit that can never sign in (locked, no usable
   * password hash), so what the system sends is authored and audited under its name.
   */
  async insertAccount(m: EntityManager, a: { username: string; displayName: string; unitId: string; createdBy: string }): Promise<string> {
    const [{ id }] = await m.query(
      `INSERT INTO app_user (username, display_name, password_hash, role, unit_id, created_by, disabled_at)
       VALUES ($1, $2, '!', 'supervisor', $3, $4, now()) RETURNING id`,
      [a.username, a.displayName, a.unitId, a.createdBy],
    );
    return id;
  }

  async insert(m: EntityManager, s: NewUpperSystem): Promise<string> {
    const [{ id }] = await m.query(
      `INSERT INTO upper_system (unit_id, user_id, name, key_id, secret_enc, trusted, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [s.unitId, s.userId, s.name, s.keyId, s.secretEnc, s.trusted, s.createdBy],
    );
    return id;
  }

  async list(unitPath: string, page: { limit: number; offset: number }): Promise<{ items: UpperSystemView[]; total: number }> {
    const rows: (UpperSystemView & { total: number })[] = await this.db.query(
      `SELECT ${VIEW}, count(*) OVER ()::int AS total FROM upper_system s JOIN admin_unit u ON u.id = s.unit_id
       WHERE u.path <@ $1::ltree ORDER BY s.created_at DESC, s.id LIMIT $2 OFFSET $3`,
      [unitPath, page.limit, page.offset],
    );
    return { items: rows.map(({ total: _t, ...view }) => view), total: rows[0]?.total ?? 0 };
  }

  async findScoped(id: string, unitPath: string): Promise<(UpperSystemView & { unitPath: string }) | null> {
    const rows: (UpperSystemView & { unitPath: string })[] = await this.db.query(
      `SELECT ${VIEW}, u.path::text AS "unitPath" FROM upper_system s JOIN admin_unit u ON u.id = s.unit_id
       WHERE s.id = $1 AND u.path <@ $2::ltree`,
      [id, unitPath],
    );
    return rows[0] ?? null;
  }

  async credentials(keyId: string): Promise<UpperSystemCredentials | null> {
    const rows: UpperSystemCredentials[] = await this.db.query(
      `SELECT s.id, s.name, s.unit_id AS "unitId", u.path::text AS "unitPath", s.user_id AS "userId", s.trusted, s.active, s.secret_enc AS "secretEnc"
       FROM upper_system s JOIN admin_unit u ON u.id = s.unit_id WHERE s.key_id = $1`,
      [keyId],
    );
    return rows[0] ?? null;
  }

  async update(m: EntityManager, id: string, changes: { name?: string; trusted?: boolean; active?: boolean }): Promise<void> {
    await m.query(
      `UPDATE upper_system SET name = COALESCE($2, name), trusted = COALESCE($3, trusted), active = COALESCE($4, active), updated_at = now() WHERE id = $1`,
      [id, changes.name ?? null, changes.trusted ?? null, changes.active ?? null],
    );
    if (changes.name) {
      await m.query(`UPDATE app_user SET display_name = $2, updated_at = now() WHERE id = (SELECT user_id FROM upper_system WHERE id = $1)`, [id, accountName(changes.name)]);
    }
  }

  async saveSecret(m: EntityManager, id: string, secretEnc: string): Promise<void> {
    await m.query(`UPDATE upper_system SET secret_enc = $2, rotated_at = now(), updated_at = now() WHERE id = $1`, [id, secretEnc]);
  }
}

/** How the system's account is named in user lists and the audit log. */
export function accountName(systemName: string): string {
  return `Hệ thống: ${systemName}`;
}
