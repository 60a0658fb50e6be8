import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { UNIT_LEVELS, type UnitLevel, type UnitSource } from '#domain/index.js';

/** A CSV row that passed the per-row checks, ready for the staging table. */
export interface StagedUnit {
  source: UnitSource;
  row: number;
  code: string;
  parentCode: string | null;
  level: UnitLevel;
  type: string;
  name: string;
  fullName: string;
  nameEn: string | null;
  searchName: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface MergeOutcome {
  counts: { source: UnitSource; valid: number; inserted: number; updated: number }[];
  rejected: { source: UnitSource; row: number; reason: string }[];
}

/** An arbitrary constant: two imports never interleave, however many operators run the command at once. */
const IMPORT_LOCK_KEY = 7_261_716_132;

/**
 * Set-based import of the official unit lists. Rows are staged in a temporary table, then merged into
 * admin_unit by (source, code) in a handful of statements; a row is written only when it differs.
 */
@Injectable()
export class UnitImportRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Runs `work` in one transaction that holds the import lock and owns an empty staging table. */
  async inImportTransaction<T>(work: (session: UnitImportSession) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK_KEY]);
      await tx.query(`
        CREATE TEMP TABLE unit_import_stage (
          source text NOT NULL, row_no int NOT NULL, code text NOT NULL, parent_code text, level text NOT NULL,
          type text NOT NULL, name text NOT NULL, full_name text NOT NULL, name_en text, search_name text NOT NULL,
          valid_from date, valid_to date, id uuid NOT NULL, parent_id uuid, parent_level text, outside_parent_path ltree,
          path ltree, reject_reason text
        ) ON COMMIT DROP`);
      return work(new UnitImportSession(tx));
    });
  }
}

export class UnitImportSession {
  constructor(private readonly tx: EntityManager) {}

  /** One multi-row INSERT per batch; a unit already imported keeps its id, a new one gets a fresh id. */
  async stage(units: readonly StagedUnit[]): Promise<void> {
    if (units.length === 0) return;
    const column = <K extends keyof StagedUnit>(key: K) => units.map((u) => u[key]);
    await this.tx.query(
      `INSERT INTO unit_import_stage
         (source, row_no, code, parent_code, level, type, name, full_name, name_en, search_name, valid_from, valid_to, id)
       SELECT r.source, r.row_no, r.code, r.parent_code, r.level, r.type, r.name, r.full_name, r.name_en, r.search_name,
              r.valid_from, r.valid_to, coalesce(au.id, gen_random_uuid())
         FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::text[], $10::text[], $11::date[], $12::date[])
              AS r(source, row_no, code, parent_code, level, type, name, full_name, name_en, search_name, valid_from, valid_to)
         LEFT JOIN admin_unit au ON au.source = r.source AND au.code = r.code`,
      [
        column('source'),
        column('row'),
        column('code'),
        column('parentCode'),
        column('level'),
        column('type'),
        column('name'),
        column('fullName'),
        column('nameEn'),
        column('searchName'),
        column('validFrom'),
        column('validTo'),
      ],
    );
  }

  /** Resolves parents, computes paths top-down, rejects what cannot be placed and upserts the rest. */
  async merge(): Promise<MergeOutcome> {
    const tx = this.tx;
    await tx.query(`CREATE UNIQUE INDEX ON unit_import_stage (source, code)`);
    await tx.query(`CREATE INDEX ON unit_import_stage (parent_id)`);
    await tx.query(`ANALYZE unit_import_stage`);

    // A parent is looked up in the same list: first among the staged rows, then among units already imported.
    await tx.query(`
      UPDATE unit_import_stage c SET parent_id = p.id, parent_level = p.level
        FROM unit_import_stage p
       WHERE c.parent_code IS NOT NULL AND p.source = c.source AND p.code = c.parent_code`);
    await tx.query(`
      UPDATE unit_import_stage c SET parent_id = au.id, parent_level = au.level, outside_parent_path = au.path
        FROM admin_unit au
       WHERE c.parent_id IS NULL AND c.parent_code IS NOT NULL AND au.source = c.source AND au.code = c.parent_code`);
    await tx.query(`
      UPDATE unit_import_stage SET reject_reason = format('không tìm thấy đơn vị cấp trên có mã "%s" trong danh sách', parent_code)
       WHERE parent_code IS NOT NULL AND parent_id IS NULL`);
    await tx.query(
      `UPDATE unit_import_stage
          SET reject_reason = format('đơn vị cấp "%s" không thể trực thuộc đơn vị cấp "%s" (mã "%s")', level, parent_level, parent_code)
        WHERE parent_id IS NOT NULL AND array_position($1::text[], level) <= array_position($1::text[], parent_level)`,
      [UNIT_LEVELS],
    );

    await tx.query(`
      WITH RECURSIVE tree AS (
        SELECT s.id, coalesce(s.outside_parent_path || text2ltree(replace(s.id::text, '-', '')),
                              text2ltree(replace(s.id::text, '-', ''))) AS path
          FROM unit_import_stage s
         WHERE s.reject_reason IS NULL AND (s.parent_code IS NULL OR s.outside_parent_path IS NOT NULL)
        UNION ALL
        SELECT c.id, t.path || text2ltree(replace(c.id::text, '-', ''))
          FROM unit_import_stage c JOIN tree t ON c.parent_id = t.id
         WHERE c.reject_reason IS NULL AND c.outside_parent_path IS NULL
      )
      UPDATE unit_import_stage s SET path = t.path FROM tree t WHERE t.id = s.id`);
    await tx.query(`
      UPDATE unit_import_stage SET reject_reason = format('đơn vị cấp trên (mã "%s") bị từ chối hoặc tạo thành vòng lặp', parent_code)
       WHERE path IS NULL AND reject_reason IS NULL`);

    await tx.query(`
      CREATE TEMP TABLE unit_import_moved ON COMMIT DROP AS
      SELECT au.path AS old_path, s.path AS new_path
        FROM unit_import_stage s JOIN admin_unit au ON au.id = s.id
       WHERE s.path IS NOT NULL AND au.path <> s.path`);
    const counts: { source: UnitSource; inserted: number; updated: number }[] = await tx.query(`
      WITH written AS (
        INSERT INTO admin_unit AS u (id, parent_id, path, depth, code, source, level, type, name, full_name, name_en,
                                     search_name, valid_from, valid_to)
        SELECT id, parent_id, path, nlevel(path), code, source, level, type, name, full_name, name_en,
               search_name, valid_from, valid_to
          FROM unit_import_stage WHERE path IS NOT NULL
        ON CONFLICT (source, code) WHERE code IS NOT NULL DO UPDATE
           SET parent_id = EXCLUDED.parent_id, path = EXCLUDED.path, depth = EXCLUDED.depth, level = EXCLUDED.level,
               type = EXCLUDED.type, name = EXCLUDED.name, full_name = EXCLUDED.full_name, name_en = EXCLUDED.name_en,
               search_name = EXCLUDED.search_name, valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to,
               updated_at = now()
         WHERE (u.parent_id, u.path, u.level, u.type, u.name, u.full_name, u.name_en, u.search_name, u.valid_from, u.valid_to)
               IS DISTINCT FROM
               (EXCLUDED.parent_id, EXCLUDED.path, EXCLUDED.level, EXCLUDED.type, EXCLUDED.name, EXCLUDED.full_name,
                EXCLUDED.name_en, EXCLUDED.search_name, EXCLUDED.valid_from, EXCLUDED.valid_to)
        RETURNING u.source, xmax = 0 AS inserted
      )
      SELECT source, count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated
        FROM written GROUP BY source`);
    if (await this.anyMoved()) await this.relocateUnstagedDescendants();
    // Fresh planner statistics, so subtree queries use the path index on a newly filled table at once.
    if (counts.some((c) => c.inserted + c.updated > 0)) await tx.query(`ANALYZE admin_unit`);

    const valid: { source: UnitSource; valid: number }[] = await tx.query(`
      SELECT source, count(*) FILTER (WHERE path IS NOT NULL)::int AS valid FROM unit_import_stage GROUP BY source`);
    const rejected: { source: UnitSource; row: number; reason: string }[] = await tx.query(`
      SELECT source, row_no AS row, reject_reason AS reason FROM unit_import_stage
       WHERE path IS NULL ORDER BY source, row_no`);
    return {
      counts: valid.map((v) => {
        const written = counts.find((c) => c.source === v.source);
        return { source: v.source, valid: v.valid, inserted: written?.inserted ?? 0, updated: written?.updated ?? 0 };
      }),
      rejected,
    };
  }

  private async anyMoved(): Promise<boolean> {
    const rows = await this.tx.query(`SELECT 1 FROM unit_import_moved LIMIT 1`);
    return rows.length > 0;
  }

  /**
   * Units below a moved unit that the files do not list (villages added locally) follow it: their path is
   * rewritten under the new path of their nearest moved ancestor.
   */
  private async relocateUnstagedDescendants(): Promise<void> {
    await this.tx.query(`
      UPDATE admin_unit d SET path = x.new_path || subpath(d.path, nlevel(x.old_path)),
                              depth = nlevel(x.new_path || subpath(d.path, nlevel(x.old_path))), updated_at = now()
        FROM (SELECT DISTINCT ON (d2.id) d2.id, m.old_path, m.new_path
                FROM unit_import_moved m JOIN admin_unit d2 ON d2.path <@ m.old_path AND d2.path <> m.old_path
               WHERE NOT EXISTS (SELECT 1 FROM unit_import_stage s WHERE s.id = d2.id AND s.path IS NOT NULL)
               ORDER BY d2.id, nlevel(m.old_path) DESC) x
       WHERE d.id = x.id`);
  }
}
