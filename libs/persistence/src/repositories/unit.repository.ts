import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, type UnitLevel, type UnitScope, type UnitSource } from '#domain/index.js';
import { isUniqueViolation } from '../pg-errors.js';
import { returning } from '../returning.js';
import { escapeLike, vietnameseCollation } from '../vietnamese-search.js';

export interface UnitRef {
  id: string;
  path: string;
  level: UnitLevel;
  name: string;
  timeZone: string | null;
}

/** A unit as the API shows it. Dates are 'YYYY-MM-DD' strings (calendar days, no time zone). */
export interface UnitView {
  id: string;
  parentId: string | null;
  code: string | null;
  source: UnitSource;
  level: UnitLevel;
  type: string;
  name: string;
  fullName: string;
  nameEn: string | null;
  depth: number;
  validFrom: string | null;
  validTo: string | null;
}

export interface UnitSearchFilter {
  /** Already folded (foldVietnamese); matched as a substring of search_name. */
  folded?: string;
  level?: UnitLevel;
  source?: UnitSource;
  parentId?: string;
  /** 'YYYY-MM-DD': only units valid on that day. */
  validOn?: string;
  limit: number;
  offset: number;
}

export interface NewLocalUnit {
  parent: { id: string; path: string };
  level: UnitLevel;
  type: string;
  code: string | null;
  name: string;
  fullName: string;
  searchName: string;
}

const SELECT_REF = `SELECT id, path::text AS path, level, name, time_zone AS "timeZone" FROM admin_unit`;

const VIEW_COLUMNS = `u.id, u.parent_id, u.code, u.source, u.level, u.type, u.name, u.full_name, u.name_en, u.depth,
  u.valid_from::text AS valid_from, u.valid_to::text AS valid_to`;

/** Unit lookups shared by every feature. Tenant reads take a scope: a unit outside it does not exist. */
@Injectable()
export class UnitRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The unit when it lies in the caller's subtree, else null. */
  async findInScope(scope: UnitScope, unitId: string, manager: EntityManager = this.db.manager): Promise<UnitRef | null> {
    const rows: UnitRef[] = await manager.query(`${SELECT_REF} WHERE id = $1 AND path <@ $2::ltree`, [unitId, scope.unitPath]);
    return rows[0] ?? null;
  }

  /** Unscoped, for system work (worker, seed) that acts on behalf of no caller. */
  async findRef(unitId: string, manager: EntityManager = this.db.manager): Promise<UnitRef | null> {
    const rows: UnitRef[] = await manager.query(`${SELECT_REF} WHERE id = $1`, [unitId]);
    return rows[0] ?? null;
  }

  /**
   * The units of `unitIds` in one query, keyed by id: in the caller's subtree, or any unit when the
   * scope is null (system work acting for no caller). An id with no such unit is absent from the map,
   * so the caller can name the field it came from.
   */
  async findRefs(scope: UnitScope | null, unitIds: readonly string[], manager: EntityManager = this.db.manager): Promise<Map<string, UnitRef>> {
    if (unitIds.length === 0) return new Map();
    const rows: UnitRef[] = scope
      ? await manager.query(`${SELECT_REF} WHERE id = ANY($1::uuid[]) AND path <@ $2::ltree`, [unitIds, scope.unitPath])
      : await manager.query(`${SELECT_REF} WHERE id = ANY($1::uuid[])`, [unitIds]);
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Units of the caller's subtree matching the filter: best match first, then Vietnamese alphabetical order. */
  async search(scope: UnitScope, filter: UnitSearchFilter): Promise<{ items: UnitView[]; total: number }> {
    const params: unknown[] = [scope.unitPath];
    const where = ['u.path <@ $1::ltree'];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    if (filter.level) add((n) => `u.level = $${n}`, filter.level);
    if (filter.source) add((n) => `u.source = $${n}`, filter.source);
    if (filter.parentId) add((n) => `u.parent_id = $${n}`, filter.parentId);
    if (filter.validOn) {
      add((n) => `(u.valid_from IS NULL OR u.valid_from <= $${n}::date) AND (u.valid_to IS NULL OR u.valid_to >= $${n}::date)`, filter.validOn);
    }
    let like = 0;
    if (filter.folded) {
      add((n) => `u.search_name LIKE '%' || $${n} || '%'`, escapeLike(filter.folded));
      like = params.length;
    }
    const whereSql = where.join(' AND ');
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM admin_unit u WHERE ${whereSql}`, params);
    const rowParams = [...params];
    let rank = '';
    if (filter.folded) {
      rowParams.push(filter.folded);
      // search_name starts with the folded short name, so a prefix hit is the unit's own name.
      rank = `(u.search_name LIKE $${like} || '%') DESC, similarity(u.search_name, $${rowParams.length}) DESC, `;
    }
    const rows = await this.db.query(
      `SELECT ${VIEW_COLUMNS} FROM admin_unit u WHERE ${whereSql}
        ORDER BY ${rank}u.name COLLATE ${await vietnameseCollation(this.db)}, u.full_name, u.id
        LIMIT $${rowParams.length + 1} OFFSET $${rowParams.length + 2}`,
      [...rowParams, filter.limit, filter.offset],
    );
    return { total, items: rows.map(toView) };
  }

  /** The unit with its materialized path when it lies in the caller's subtree, else null. */
  async findViewInScope(scope: UnitScope, unitId: string): Promise<(UnitView & { path: string }) | null> {
    const rows = await this.db.query(
      `SELECT ${VIEW_COLUMNS}, u.path::text AS path FROM admin_unit u WHERE u.id = $1 AND u.path <@ $2::ltree`,
      [unitId, scope.unitPath],
    );
    return rows[0] ? { ...toView(rows[0]), path: rows[0].path } : null;
  }

  /** The units above a path, root first (the breadcrumb). Uses the GiST index on path (ancestor query). */
  async ancestorsOf(path: string): Promise<UnitView[]> {
    const rows = await this.db.query(
      `SELECT ${VIEW_COLUMNS} FROM admin_unit u WHERE u.path @> $1::ltree AND u.path <> $1::ltree ORDER BY u.depth`,
      [path],
    );
    return rows.map(toView);
  }

  /** Direct children of a unit the caller can see, in Vietnamese alphabetical order. */
  async childrenOf(scope: UnitScope, parentId: string, page: { limit: number; offset: number }): Promise<{ items: UnitView[]; total: number }> {
    const params = [parentId, scope.unitPath];
    const whereSql = 'u.parent_id = $1 AND u.path <@ $2::ltree';
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM admin_unit u WHERE ${whereSql}`, params);
    const rows = await this.db.query(
      `SELECT ${VIEW_COLUMNS} FROM admin_unit u WHERE ${whereSql}
        ORDER BY u.name COLLATE ${await vietnameseCollation(this.db)}, u.id LIMIT $3 OFFSET $4`,
      [...params, page.limit, page.offset],
    );
    return { total, items: rows.map(toView) };
  }

  /**
   * The unit in the caller's subtree, locked until the transaction ends so that concurrent additions
   * under it (villages) are checked one after the other. NO KEY UPDATE leaves foreign-key checks of
   * other tables that reference the unit unblocked.
   */
  async lockInScope(scope: UnitScope, unitId: string, manager: EntityManager): Promise<(UnitView & { path: string }) | null> {
    const rows = await manager.query(
      `SELECT ${VIEW_COLUMNS}, u.path::text AS path FROM admin_unit u WHERE u.id = $1 AND u.path <@ $2::ltree FOR NO KEY UPDATE`,
      [unitId, scope.unitPath],
    );
    return rows[0] ? { ...toView(rows[0]), path: rows[0].path } : null;
  }

  async childNames(parentId: string, manager: EntityManager = this.db.manager): Promise<{ id: string; name: string; fullName: string }[]> {
    const rows: { id: string; name: string; full_name: string }[] = await manager.query(
      `SELECT id, name, full_name FROM admin_unit WHERE parent_id = $1`,
      [parentId],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, fullName: r.full_name }));
  }

  /**
   * The parent of a unit in the caller's subtree, locked as lockInScope locks a commune, so renaming
   * a village and adding one under the same commune check their names one after the other.
   */
  async lockParentOf(scope: UnitScope, childId: string, manager: EntityManager): Promise<(UnitView & { path: string }) | null> {
    const rows = await manager.query(
      `SELECT ${VIEW_COLUMNS}, u.path::text AS path
         FROM admin_unit c JOIN admin_unit u ON u.id = c.parent_id
        WHERE c.id = $1 AND c.path <@ $2::ltree
          FOR NO KEY UPDATE OF u`,
      [childId, scope.unitPath],
    );
    return rows[0] ? { ...toView(rows[0]), path: rows[0].path } : null;
  }

  /** The unit in the caller's subtree, locked against any change or new reference until the transaction ends (before a delete). */
  async lockForDeleteInScope(scope: UnitScope, unitId: string, manager: EntityManager): Promise<(UnitView & { path: string }) | null> {
    const rows = await manager.query(
      `SELECT ${VIEW_COLUMNS}, u.path::text AS path FROM admin_unit u WHERE u.id = $1 AND u.path <@ $2::ltree FOR UPDATE`,
      [unitId, scope.unitPath],
    );
    return rows[0] ? { ...toView(rows[0]), path: rows[0].path } : null;
  }

  /** Renames a unit of the caller's subtree that the project maintains itself (source 'local'); null when there is none. */
  async renameLocal(
    scope: UnitScope,
    unitId: string,
    names: { name: string; fullName: string; searchName: string },
    manager: EntityManager,
  ): Promise<UnitView | null> {
    const rows = await returning<Record<string, unknown>>(
      manager,
      `UPDATE admin_unit u SET name = $3, full_name = $4, search_name = $5, updated_at = now()
        WHERE u.id = $1 AND u.path <@ $2::ltree AND u.source = 'local'
        RETURNING ${VIEW_COLUMNS}`,
      [unitId, scope.unitPath, names.name, names.fullName, names.searchName],
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  /**
   * Inserts a unit the project maintains itself (source 'local') under a parent, its path computed from the
   * parent's. A code already used by another local unit is a conflict (codes are unique per source).
   */
  async insertLocal(unit: NewLocalUnit, manager: EntityManager): Promise<UnitView> {
    try {
      const rows = await manager.query(
        `WITH fresh AS (SELECT gen_random_uuid() AS id)
         INSERT INTO admin_unit AS u (id, parent_id, path, depth, code, source, level, type, name, full_name, search_name)
         SELECT fresh.id, $1, p.path, nlevel(p.path), $3, 'local', $4, $5, $6, $7, $8
           FROM fresh, LATERAL (SELECT $2::ltree || text2ltree(replace(fresh.id::text, '-', '')) AS path) p
         RETURNING ${VIEW_COLUMNS}`,
        [unit.parent.id, unit.parent.path, unit.code, unit.level, unit.type, unit.name, unit.fullName, unit.searchName],
      );
      return toView(rows[0]);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_admin_unit_source_code')) {
        throw new ConflictError('unit.code-taken', `Mã "${unit.code}" đã được dùng cho một đơn vị khác do địa phương tạo`);
      }
      throw error;
    }
  }
}

function toView(row: Record<string, unknown>): UnitView {
  return {
    id: row.id as string,
    parentId: row.parent_id as string | null,
    code: row.code as string | null,
    source: row.source as UnitSource,
    level: row.level as UnitLevel,
    type: row.type as string,
    name: row.name as string,
    fullName: row.full_name as string,
    nameEn: row.name_en as string | null,
    depth: Number(row.depth),
    validFrom: row.valid_from as string | null,
    validTo: row.valid_to as string | null,
  };
}
