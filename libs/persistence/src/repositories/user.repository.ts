import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor, Role } from '../../../domain/src/index.js';
import { UserEntity } from '../entities/index.js';

export interface UserCredentials {
  id: string;
  passwordHash: string;
  disabled: boolean;
}

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

  async findCredentials(username: string): Promise<UserCredentials | null> {
    const rows: { id: string; password_hash: string; disabled_at: Date | null }[] = await this.db.query(
      `SELECT id, password_hash, disabled_at FROM app_user WHERE username = $1`,
      [username.toLowerCase()],
    );
    const row = rows[0];
    return row ? { id: row.id, passwordHash: row.password_hash, disabled: row.disabled_at !== null } : null;
  }

  async findProfile(
    userId: string,
  ): Promise<{ id: string; username: string; displayName: string; role: Role; unitId: string; unitName: string } | null> {
    const rows = await this.db.query(
      `SELECT u.id, u.username, u.display_name AS "displayName", u.role, u.unit_id AS "unitId", au.full_name AS "unitName"
         FROM app_user u JOIN admin_unit au ON au.id = u.unit_id WHERE u.id = $1`,
      [userId],
    );
    return rows[0] ?? null;
  }

  async findById(userId: string): Promise<UserEntity | null> {
    return this.db.getRepository(UserEntity).findOneBy({ id: userId });
  }
}
