import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { UnitScope } from '../../../domain/src/index.js';
import { AdminUnitEntity } from '../entities/index.js';

export interface UnitRef {
  id: string;
  path: string;
  level: AdminUnitEntity['level'];
  name: string;
  timeZone: string | null;
}

/** Unit lookups shared by every feature. Tenant reads take a scope: a unit outside it does not exist. */
@Injectable()
export class UnitRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The unit when it lies in the caller's subtree, else null. */
  async findInScope(scope: UnitScope, unitId: string, manager: EntityManager = this.db.manager): Promise<UnitRef | null> {
    const rows: { id: string; path: string; level: UnitRef['level']; name: string; time_zone: string | null }[] = await manager.query(
      `SELECT id, path::text AS path, level, name, time_zone FROM admin_unit WHERE id = $1 AND path <@ $2::ltree`,
      [unitId, scope.unitPath],
    );
    const row = rows[0];
    return row ? { id: row.id, path: row.path, level: row.level, name: row.name, timeZone: row.time_zone } : null;
  }

  /** Unscoped, for system work (worker, seed) that acts on behalf of no caller. */
  async findRef(unitId: string, manager: EntityManager = this.db.manager): Promise<UnitRef | null> {
    const rows: { id: string; path: string; level: UnitRef['level']; name: string; time_zone: string | null }[] = await manager.query(
      `SELECT id, path::text AS path, level, name, time_zone FROM admin_unit WHERE id = $1`,
      [unitId],
    );
    const row = rows[0];
    return row ? { id: row.id, path: row.path, level: row.level, name: row.name, timeZone: row.time_zone } : null;
  }
}
