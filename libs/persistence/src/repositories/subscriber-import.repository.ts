import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, type FieldProblem, type UnitScope } from '#domain/index.js';
import { isUniqueViolation } from '../pg-errors.js';
import { returning } from '../returning.js';

export type ImportStatus = 'running' | 'completed' | 'failed';

export interface SubscriberImportView {
  id: string;
  unitId: string;
  createdBy: string;
  fileName: string;
  status: ImportStatus;
  rowsRead: number;
  /** The same as rowsRead, named for a progress bar. */
  processedRows: number;
  /** The rows the file holds, counted before reading them; exact once the import is completed. */
  totalRows: number | null;
  inserted: number;
  merged: number;
  rejected: number;
  failure: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A valid row, one per phone: duplicates within a chunk are merged before they reach the database. */
export interface ImportUpsertRow {
  phone: string;
  fullName: string | null;
  villageId: string | null;
  tags: string[];
  consentSource: string;
  consentAt: Date;
  preferredLanguage: string;
}

export interface ImportRowError extends FieldProblem {
  rowNo: number;
  raw: string;
}

export interface ProgressDelta {
  rowsRead: number;
  inserted: number;
  merged: number;
  rejected: number;
}

/** The primary key's name, as the generated schema migration created it. */
const SUBSCRIBER_IMPORT_PRIMARY_KEY = 'PK_0277c7f026907408a080b7a10ea';

const VIEW_COLUMNS = `i.id, i.unit_id, i.created_by, i.file_name, i.status, i.rows_read, i.total_rows, i.inserted, i.merged, i.rejected,
                      i.failure, i.created_at, i.updated_at`;

/** Subscriber CSV imports: the set-based merge of each chunk, its row errors and the import's progress. */
@Injectable()
export class SubscriberImportRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}


  /** `id` may be chosen by the client (to follow the progress); an id already taken is a ConflictError naming importId. */
  async create(input: { id?: string; unitId: string; createdBy: string; fileName: string; totalRows: number | null }): Promise<SubscriberImportView> {
    try {
      const rows = await this.db.query(
        `INSERT INTO subscriber_import AS i (id, unit_id, created_by, file_name, status, total_rows)
         VALUES (coalesce($1::uuid, gen_random_uuid()), $2, $3, $4, 'running', $5) RETURNING ${VIEW_COLUMNS}`,
        [input.id ?? null, input.unitId, input.createdBy, input.fileName, input.totalRows],
      );
      return toView(rows[0]);
    } catch (error) {
      if (!isUniqueViolation(error, SUBSCRIBER_IMPORT_PRIMARY_KEY)) throw error;
      const message = 'Mã lần nhập này đã được dùng; hãy tạo mã mới cho mỗi lần nhập';
      throw new ConflictError('subscriber-import.id-taken', message, [{ field: 'importId', rule: 'unique', message }]);
    }
  }

  /**
   * One INSERT … ON CONFLICT for the chunk. A number already subscribed is merged: its tags gain the new
   * ones, an empty name or village is filled, and everything else stays, opted_out_at above all (an import
   * never re-subscribes a citizen who opted out). A number subscribed in a unit outside `scopePath` is left
   * untouched and not returned. Rows are written in phone order so concurrent imports lock alike.
   */
  async upsert(
    tx: EntityManager,
    p: { unitId: string; scopePath: string; rows: readonly ImportUpsertRow[] },
  ): Promise<{ phone: string; inserted: boolean }[]> {
    if (p.rows.length === 0) return [];
    const rows = [...p.rows].sort((a, b) => (a.phone < b.phone ? -1 : a.phone > b.phone ? 1 : 0));
    const column = <K extends keyof ImportUpsertRow>(key: K) => rows.map((r) => r[key]);
    return tx.query(
      `INSERT INTO subscriber AS s (phone, full_name, unit_id, village_id, tags, consent_source, consent_at, preferred_language)
       SELECT r.phone, r.full_name, $8, r.village_id, coalesce(string_to_array(nullif(r.tags, ''), E'\\x1f'), '{}'),
              r.consent_source, r.consent_at, r.language
         FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
              AS r(phone, full_name, village_id, tags, consent_source, consent_at, language)
        ORDER BY r.phone
       ON CONFLICT (phone) DO UPDATE
          SET tags = s.tags || ARRAY(SELECT t FROM unnest(EXCLUDED.tags) t WHERE t <> ALL (s.tags)),
              full_name = coalesce(s.full_name, EXCLUDED.full_name),
              village_id = CASE WHEN s.village_id IS NULL AND s.unit_id = EXCLUDED.unit_id THEN EXCLUDED.village_id ELSE s.village_id END,
              updated_at = now()
        WHERE EXISTS (SELECT 1 FROM admin_unit u WHERE u.id = s.unit_id AND u.path <@ $9::ltree)
       RETURNING s.phone, (xmax = 0) AS inserted`,
      [
        column('phone'),
        column('fullName'),
        column('villageId'),
        rows.map((r) => r.tags.join('\x1f')),
        column('consentSource'),
        column('consentAt'),
        column('preferredLanguage'),
        p.unitId,
        p.scopePath,
      ],
    );
  }

  async recordErrors(tx: EntityManager, importId: string, errors: readonly ImportRowError[]): Promise<void> {
    if (errors.length === 0) return;
    await tx.query(
      `INSERT INTO subscriber_import_error (import_id, row_no, field, rule, message, raw)
       SELECT $1, e.row_no, e.field, e.rule, e.message, e.raw
         FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[]) AS e(row_no, field, rule, message, raw)
       ON CONFLICT (import_id, row_no) DO NOTHING`,
      [
        importId,
        errors.map((e) => e.rowNo),
        errors.map((e) => e.field),
        errors.map((e) => e.rule),
        errors.map((e) => e.message),
        errors.map((e) => e.raw),
      ],
    );
  }

  async addProgress(tx: EntityManager, importId: string, delta: ProgressDelta): Promise<void> {
    await tx.query(
      `UPDATE subscriber_import SET rows_read = rows_read + $2, inserted = inserted + $3, merged = merged + $4,
              rejected = rejected + $5, updated_at = now()
        WHERE id = $1`,
      [importId, delta.rowsRead, delta.inserted, delta.merged, delta.rejected],
    );
  }

  async finish(tx: EntityManager, importId: string, status: Exclude<ImportStatus, 'running'>, failure: string | null): Promise<SubscriberImportView> {
    const [row] = await returning<Record<string, unknown>>(
      tx,
      `UPDATE subscriber_import i SET status = $2, failure = $3, updated_at = now(),
              total_rows = CASE WHEN $2 = 'completed' THEN rows_read ELSE total_rows END
        WHERE id = $1 RETURNING ${VIEW_COLUMNS}`,
      [importId, status, failure],
    );
    return toView(row);
  }

  async findInScope(scope: UnitScope, importId: string): Promise<SubscriberImportView | null> {
    const rows = await this.db.query(
      `SELECT ${VIEW_COLUMNS} FROM subscriber_import i JOIN admin_unit u ON u.id = i.unit_id WHERE i.id = $1 AND u.path <@ $2::ltree`,
      [importId, scope.unitPath],
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  async list(scope: UnitScope, page: { limit: number; offset: number }): Promise<{ items: SubscriberImportView[]; total: number }> {
    const from = `FROM subscriber_import i JOIN admin_unit u ON u.id = i.unit_id WHERE u.path <@ $1::ltree`;
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total ${from}`, [scope.unitPath]);
    const rows = await this.db.query(`SELECT ${VIEW_COLUMNS} ${from} ORDER BY i.created_at DESC, i.id LIMIT $2 OFFSET $3`, [
      scope.unitPath,
      page.limit,
      page.offset,
    ]);
    return { total, items: rows.map(toView) };
  }

  /** Errors in row order; `afterRow` pages through them by key, so a million errors stream at an even pace. */
  async errors(importId: string, page: { limit: number; offset?: number; afterRow?: number }): Promise<ImportRowError[]> {
    const rows: { row_no: number; field: string; rule: string; message: string; raw: string }[] = await this.db.query(
      `SELECT row_no, field, rule, message, raw FROM subscriber_import_error
        WHERE import_id = $1 AND row_no > $2 ORDER BY row_no LIMIT $3 OFFSET $4`,
      [importId, page.afterRow ?? 0, page.limit, page.offset ?? 0],
    );
    return rows.map((r) => ({ rowNo: r.row_no, field: r.field, rule: r.rule, message: r.message, raw: r.raw }));
  }
}

function toView(row: Record<string, unknown>): SubscriberImportView {
  return {
    id: row.id as string,
    unitId: row.unit_id as string,
    createdBy: row.created_by as string,
    fileName: row.file_name as string,
    status: row.status as ImportStatus,
    rowsRead: row.rows_read as number,
    processedRows: row.rows_read as number,
    totalRows: row.total_rows as number | null,
    inserted: row.inserted as number,
    merged: row.merged as number,
    rejected: row.rejected as number,
    failure: row.failure as string | null,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  };
}
