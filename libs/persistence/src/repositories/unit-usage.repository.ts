import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, type UnitScope, type UnitUsage } from '#domain/index.js';

/** What still refers to a unit, and the removal of a village nothing uses; both inside the caller's transaction. */
@Injectable()
export class UnitUsageRepository {
  /**
   * What refers to a unit, counted by kind: rows whose foreign keys point at it and the references
   * kept without one (subscribers' and boards' village, stations' village list, broadcast targets).
   */
  async usageOf(unitId: string, manager: EntityManager): Promise<UnitUsage> {
    const [row] = await manager.query(
      `SELECT
         (SELECT count(*) FROM admin_unit WHERE parent_id = $1)::int AS "childUnits",
         (SELECT count(*) FROM subscriber WHERE unit_id = $1 OR village_id = $1)::int AS subscribers,
         (SELECT count(*) FROM station WHERE unit_id = $1 OR $1 = ANY(village_ids))::int AS stations,
         (SELECT count(*) FROM station_group WHERE unit_id = $1)::int AS "stationGroups",
         (SELECT count(*) FROM board WHERE unit_id = $1 OR village_id = $1)::int AS boards,
         (SELECT count(*) FROM broadcast
           WHERE unit_id = $1 OR targets->'unitIds' @> to_jsonb($1::text) OR targets->'villageIds' @> to_jsonb($1::text))::int AS broadcasts,
         (SELECT count(*) FROM message WHERE unit_id = $1 OR approval_unit_id = $1)::int AS messages,
         (SELECT count(*) FROM attachment WHERE unit_id = $1)::int AS attachments,
         (SELECT count(*) FROM app_user WHERE unit_id = $1)::int AS users,
         (SELECT count(*) FROM channel_account WHERE unit_id = $1)::int AS "channelAccounts",
         (SELECT count(*) FROM subscriber_import WHERE unit_id = $1)::int AS "subscriberImports"`,
      [unitId],
    );
    return row;
  }

  /**
   * Deletes a local village of the caller's subtree; false when there is none. A foreign key that
   * usageOf does not know of yet still refuses the delete, answered as the same conflict.
   */
  async deleteLocalVillage(scope: UnitScope, unitId: string, manager: EntityManager): Promise<boolean> {
    try {
      const [, affected]: [unknown, number] = await manager.query(
        `DELETE FROM admin_unit u WHERE u.id = $1 AND u.path <@ $2::ltree AND u.source = 'local' AND u.level = 'village'`,
        [unitId, scope.unitPath],
      );
      return affected > 0;
    } catch (error) {
      if ((error as { code?: string }).code !== '23503') throw error;
      throw new ConflictError('unit.in-use', 'Không xóa được thôn vì vẫn còn dữ liệu dùng đến nó; có thể đổi tên thay vì xóa');
    }
  }
}
