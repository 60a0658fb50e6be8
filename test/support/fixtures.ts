import { randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import type supertest from 'supertest';
import type { DataSource } from 'typeorm';
import { childPath, foldVietnamese, type Role, type UnitLevel } from '#domain/index.js';

export interface TestUnit {
  id: string;
  path: string;
  name: string;
}

/** Inserts a local unit under a parent (or as a root), computing its path the way the importer does. */
export async function createUnit(
  db: DataSource,
  input: { name: string; level: UnitLevel; parent?: TestUnit; type?: string },
): Promise<TestUnit> {
  const id = randomUUID();
  const path = childPath(input.parent?.path ?? null, id);
  await db.query(
    `INSERT INTO admin_unit (id, parent_id, path, depth, code, source, level, type, name, full_name, search_name)
     VALUES ($1, $2, $3::ltree, nlevel($3::ltree), NULL, 'local', $4, $5, $6, $6, $7)`,
    [id, input.parent?.id ?? null, path, input.level, input.type ?? input.level, input.name, foldVietnamese(input.name)],
  );
  return { id, path, name: input.name };
}

export interface TestUser {
  id: string;
  username: string;
  password: string;
  role: Role;
  unitId: string;
}

const hashCache = new Map<string, string>();

export async function createUser(db: DataSource, input: { role: Role; unit: TestUnit; username?: string; password?: string }): Promise<TestUser> {
  const username = input.username ?? `${input.role}-${randomUUID().slice(0, 8)}`;
  const password = input.password ?? 'mat-khau-thu-nghiem';
  let hash = hashCache.get(password);
  if (!hash) {
    hash = await argon2.hash(password, { type: argon2.argon2id });
    hashCache.set(password, hash);
  }
  const [{ id }] = await db.query(
    `INSERT INTO app_user (username, display_name, password_hash, role, unit_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [username, username, hash, input.role, input.unit.id],
  );
  return { id, username, password, role: input.role, unitId: input.unit.id };
}

/** Logs in over HTTP and returns the bearer header value. */
export async function bearer(http: ReturnType<typeof supertest>, user: Pick<TestUser, 'username' | 'password'>): Promise<string> {
  const res = await http.post('/api/v1/auth/login').send({ username: user.username, password: user.password });
  if (res.status !== 200) throw new Error(`login of ${user.username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return `Bearer ${res.body.accessToken}`;
}
