import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, foldVietnamese, type Actor, type Role, type UnitLevel, type UnitScope } from '#domain/index.js';
import { isUniqueViolation } from '../pg-errors.js';
import { containsPattern, foldedSql, vietnameseCollation } from '../vietnamese-search.js';

export interface UserCredentials {
  id: string;
  passwordHash: string;
  disabled: boolean;
}

/** A user account as the console shows it. Never carries the password hash. */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  unitName: string;
  unitPath: string;
  disabledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Who the signed-in user is, for the console header (GET /auth/me); timeZone is null when the unit sets none. */
export type UserProfile = Pick<UserRecord, 'id' | 'username' | 'displayName' | 'role' | 'unitId' | 'unitName'> & {
  unitLevel: UnitLevel;
  timeZone: string | null;
};

export const USER_SORT_FIELDS = ['displayName', 'username', 'role', 'unitName', 'createdAt', 'updatedAt', 'disabledAt'] as const;
export type UserSortField = (typeof USER_SORT_FIELDS)[number];

export interface UserFilter {
  role?: Role;
  /** Only users of this unit's subtree (already resolved inside the caller's scope). */
  unitPath?: string;
  /** Matches the username or the display name, ignoring case and Vietnamese diacritics. */
  q?: string;
  /** Only disabled (true) or only active (false) accounts; both when undefined. */
  disabled?: boolean;
  sort: { field: UserSortField; direction: 'asc' | 'desc' };
  limit: number;
  offset: number;
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  unitId: string;
  createdBy: string | null;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  unitId?: string;
}

const USER_COLUMNS = `u.id, u.username, u.display_name AS "displayName", u.role, u.unit_id AS "unitId", au.full_name AS "unitName",
  au.path::text AS "unitPath", u.disabled_at AS "disabledAt", u.created_at AS "createdAt", u.updated_at AS "updatedAt"`;

/**
 * Accounts. Reads for callers take a scope: a user whose unit lies outside it does not exist.
 * Writes repeat the scope in their WHERE clause, so a write can never reach outside it either.
 */
@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The active user as an Actor (with the unit's path), or null when missing or disabled. */
  async findActiveActor(userId: string): Promise<Actor | null> {
    const rows: { id: string; role: Role; unit_id: string; path: string }[] = await this.db.query(
      `SELECT u.id, u.role, u.unit_id, au.path::text AS path
         FROM app_user u JOIN admin_unit au ON au.id = u.unit_id
        WHERE u.id = $1 AND u.disabled_at IS NULL`,
      [userId],
    );
    const row = rows[0];
    return row ? { userId: row.id, role: row.role, unitId: row.unit_id, unitPath: row.path } : null;
  }

  /** By username as stored (normalizeUsername). */
  async findCredentials(username: string): Promise<UserCredentials | null> {
    const rows: { id: string; password_hash: string; disabled_at: Date | null }[] = await this.db.query(
      `SELECT id, password_hash, disabled_at FROM app_user WHERE username = $1`,
      [username],
    );
    const row = rows[0];
    return row ? { id: row.id, passwordHash: row.password_hash, disabled: row.disabled_at !== null } : null;
  }

  /** The username and hash of an active account, for checking its current password. */
  async findActiveCredentialsById(userId: string): Promise<{ username: string; passwordHash: string } | null> {
    const rows: { username: string; password_hash: string }[] = await this.db.query(
      `SELECT username, password_hash FROM app_user WHERE id = $1 AND disabled_at IS NULL`,
      [userId],
    );
    return rows[0] ? { username: rows[0].username, passwordHash: rows[0].password_hash } : null;
  }

  async findProfile(userId: string): Promise<UserProfile | null> {
    const rows = await this.db.query(
      `SELECT u.id, u.username, u.display_name AS "displayName", u.role, u.unit_id AS "unitId", au.full_name AS "unitName",
              au.level AS "unitLevel", au.time_zone AS "timeZone"
         FROM app_user u JOIN admin_unit au ON au.id = u.unit_id WHERE u.id = $1`,
      [userId],
    );
    return rows[0] ?? null;
  }

  /** The user when their unit lies in the scope, else null. `lock` holds the row until the transaction ends. */
  async findInScope(
    scope: UnitScope,
    userId: string,
    manager: EntityManager = this.db.manager,
    options: { lock?: boolean } = {},
  ): Promise<UserRecord | null> {
    const rows: UserRecord[] = await manager.query(
      `SELECT ${USER_COLUMNS}
         FROM app_user u JOIN admin_unit au ON au.id = u.unit_id
        WHERE u.id = $1 AND au.path <@ $2::ltree
        ${options.lock ? 'FOR UPDATE OF u' : ''}`,
      [userId, scope.unitPath],
    );
    return rows[0] ?? null;
  }

  async list(scope: UnitScope, filter: UserFilter): Promise<{ items: UserRecord[]; total: number }> {
    const where = ['au.path <@ $1::ltree'];
    const params: unknown[] = [scope.unitPath];
    const add = (sql: (placeholder: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.unitPath !== undefined) add((p) => `au.path <@ ${p}::ltree`, filter.unitPath);
    if (filter.role !== undefined) add((p) => `u.role = ${p}`, filter.role);
    if (filter.disabled !== undefined) where.push(filter.disabled ? 'u.disabled_at IS NOT NULL' : 'u.disabled_at IS NULL');
    const folded = filter.q === undefined ? '' : foldVietnamese(filter.q);
    if (folded) add((p) => `(u.username LIKE ${p} OR ${foldedSql('u.display_name')} LIKE ${p})`, containsPattern(folded));

    const from = `FROM app_user u JOIN admin_unit au ON au.id = u.unit_id WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total ${from}`, params);
    const items: UserRecord[] = await this.db.query(
      `SELECT ${USER_COLUMNS} ${from}
        ORDER BY ${await this.orderBy(filter.sort)}
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { items, total };
  }

  /** The sort whitelist: names in Vietnamese alphabetical order, roles by rank, ties by username (unique). */
  private async orderBy(sort: UserFilter['sort']): Promise<string> {
    const collation = await vietnameseCollation(this.db);
    const keys: Record<UserSortField, string> = {
      displayName: `u.display_name COLLATE ${collation}`,
      username: 'u.username',
      role: `array_position(ARRAY['officer','supervisor','admin'], u.role)`,
      unitName: `au.full_name COLLATE ${collation}`,
      createdAt: 'u.created_at',
      updatedAt: 'u.updated_at',
      disabledAt: 'u.disabled_at',
    };
    const direction = sort.direction === 'desc' ? 'DESC' : 'ASC';
    return `${keys[sort.field]} ${direction} NULLS LAST, u.username`;
  }

  /** Inserts the account and returns its id; a taken username is a ConflictError naming the field. */
  async insert(user: NewUser, manager: EntityManager): Promise<string> {
    try {
      const [{ id }] = await manager.query(
        `INSERT INTO app_user (username, display_name, password_hash, role, unit_id, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [user.username, user.displayName, user.passwordHash, user.role, user.unitId, user.createdBy],
      );
      return id;
    } catch (error) {
      if (!isUniqueViolation(error, 'uq_app_user_username')) throw error;
      throw new ConflictError('user.username-taken', `Tên đăng nhập "${user.username}" đã được sử dụng`, [
        { field: 'username', rule: 'unique', message: 'đã được sử dụng cho một tài khoản khác' },
      ]);
    }
  }

  /** Applies the changes to a user of the scope; false when no such user. */
  async update(scope: UnitScope, userId: string, changes: UserChanges, manager: EntityManager): Promise<boolean> {
    const columns: [string, unknown][] = [
      ['display_name', changes.displayName],
      ['role', changes.role],
      ['unit_id', changes.unitId],
    ];
    const set: string[] = ['updated_at = now()'];
    const params: unknown[] = [userId, scope.unitPath];
    for (const [column, value] of columns) {
      if (value === undefined) continue;
      params.push(value);
      set.push(`${column} = $${params.length}`);
    }
    const [, affected]: [unknown, number] = await manager.query(
      `UPDATE app_user u SET ${set.join(', ')}
         FROM admin_unit au
        WHERE u.id = $1 AND au.id = u.unit_id AND au.path <@ $2::ltree`,
      params,
    );
    return affected > 0;
  }

  /** Disables or re-enables a user of the scope; false when nothing changed (already so, or no such user). */
  async setDisabled(scope: UnitScope, userId: string, disabled: boolean, manager: EntityManager): Promise<boolean> {
    const [, affected]: [unknown, number] = await manager.query(
      `UPDATE app_user u SET disabled_at = CASE WHEN $3 THEN now() END, updated_at = now()
         FROM admin_unit au
        WHERE u.id = $1 AND au.id = u.unit_id AND au.path <@ $2::ltree AND (u.disabled_at IS NULL) = $3`,
      [userId, scope.unitPath, disabled],
    );
    return affected > 0;
  }

  async setPasswordHash(scope: UnitScope, userId: string, passwordHash: string, manager: EntityManager): Promise<boolean> {
    const [, affected]: [unknown, number] = await manager.query(
      `UPDATE app_user u SET password_hash = $3, updated_at = now()
         FROM admin_unit au
        WHERE u.id = $1 AND au.id = u.unit_id AND au.path <@ $2::ltree`,
      [userId, scope.unitPath, passwordHash],
    );
    return affected > 0;
  }
}
