import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import {
  cleanFileName,
  CONTROL_CHARACTER_MESSAGE,
  hasControlCharacter,
  InvalidInputError,
  NotFoundError,
  withoutControlCharacters,
  type Actor,
  type FieldProblem,
} from '#domain/index.js';
import { AuditRepository, TransactionRunner, UnitRepository, type UnitRef } from '#persistence/index.js';
import {
  SubscriberImportRepository,
  type ImportRowError,
  type SubscriberImportView,
} from '#persistence/repositories/subscriber-import.repository.js';
import { SubscriberRepository } from '#persistence/repositories/subscriber.repository.js';
import { openCsvSource } from './csv-import-source.js';
import { ImportChunk } from './import-chunk.js';
import { errorReportCsv } from './import-error-report.js';
import { importFormatOf, UNSUPPORTED_FORMAT, type SourceRow } from './import-format.js';
import { checkSubscriberRecord, fileProblem, rowError, villageFinder, type RowContext } from './subscriber-csv-row.js';
import { openXlsxSource } from './xlsx-import-source.js';

export interface ListUpload {
  /** A file on local disk: the upload is streamed from it, never loaded whole. */
  path: string;
  originalName: string;
  mimeType: string;
}

export interface SubscriberImportSummary extends SubscriberImportView {
  /** The first rejected rows, so the uploader sees at once what to fix; the full report is paginated and downloadable. */
  firstErrors: ImportRowError[];
}

/** Rows written per transaction: large enough for set-based SQL, small enough for steady progress and memory. */
export const IMPORT_CHUNK_SIZE = 5_000;
const FIRST_ERRORS = 20;

const OUTSIDE_SCOPE: FieldProblem = {
  field: 'phone',
  rule: 'other-unit',
  message: 'Số điện thoại đã đăng ký nhận tin ở một đơn vị ngoài phạm vi quản lý của bạn; dòng này không được nhập',
};

/**
 * Streams a subscriber CSV into the database chunk by chunk: memory stays flat however long the file.
 * Each chunk commits its rows, its row errors and the import's progress together, so a second client
 * polling the import sees true counts while it runs, and a failure keeps every chunk already written.
 * The HTTP request that uploads the file waits for the end and answers with the summary.
 */
@Injectable()
export class SubscriberImportService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly imports: SubscriberImportRepository,
    private readonly subscribers: SubscriberRepository,
    private readonly units: UnitRepository,
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `importId`, chosen by the client, lets it follow the progress while this request runs. */
  async import(actor: Actor, file: ListUpload | undefined, options: { unitId?: string; importId?: string }): Promise<SubscriberImportSummary> {
    if (!file) throw fileProblem('required', 'là bắt buộc (gửi tệp Excel .xlsx hoặc CSV trong trường "file" của biểu mẫu)');
    const format = importFormatOf(file.originalName, file.mimeType);
    if (!format) throw new InvalidInputError([UNSUPPORTED_FORMAT]);
    const unit = await this.units.findInScope(actor, options.unitId ?? actor.unitId);
    if (!unit) throw new NotFoundError('unit');
    if (unit.level === 'village') {
      throw new InvalidInputError([
        { field: 'unitId', rule: 'not-village', message: 'hãy chọn xã, phường; thôn, tổ dân phố ghi ở cột village của tệp' },
      ]);
    }
    const source = format === 'xlsx' ? await openXlsxSource(file.path) : await openCsvSource(file.path);
    const context: RowContext = {
      findVillage: villageFinder(await this.subscribers.villagesUnder(unit.path)),
      timeZone: unit.timeZone ?? this.config.defaultTimeZone,
      now: new Date(),
    };
    const started = await this.imports.create({
      id: options.importId,
      unitId: unit.id,
      createdBy: actor.userId,
      fileName: cleanFileName(file.originalName, `subscribers.${format}`),
      totalRows: source.totalRows,
    });
    try {
      await this.streamRows(actor, unit, started.id, source.rows(), context);
    } catch (error) {
      await this.finish(actor, unit, started.id, 'failed', 'Lỗi hệ thống khi đọc hoặc ghi tệp; các dòng đã báo trong tiến độ vẫn được lưu');
      throw error;
    }
    const done = await this.finish(actor, unit, started.id, 'completed', null);
    return { ...done, firstErrors: await this.imports.errors(done.id, { limit: FIRST_ERRORS }) };
  }

  async get(actor: Actor, importId: string): Promise<SubscriberImportView> {
    const found = await this.imports.findInScope(actor, importId);
    if (!found) throw new NotFoundError('subscriber-import');
    return found;
  }

  list(actor: Actor, page: { limit: number; offset: number }): Promise<{ items: SubscriberImportView[]; total: number }> {
    return this.imports.list(actor, page);
  }

  async errors(actor: Actor, importId: string, page: { limit: number; offset: number }): Promise<{ items: ImportRowError[]; total: number }> {
    const found = await this.get(actor, importId);
    return { items: await this.imports.errors(found.id, page), total: found.rejected };
  }

  /**
   * The whole error report as CSV lines. The import is looked up before anything is streamed (a 404 is
   * still a 404); the errors are then read in pages by key, so a million rows are never held whole.
   */
  async errorReport(actor: Actor, importId: string): Promise<{ fileName: string; lines: AsyncIterable<string> }> {
    const found = await this.get(actor, importId);
    const imports = this.imports;
    async function* pages(): AsyncGenerator<ImportRowError[]> {
      let afterRow = 0;
      for (;;) {
        const page = await imports.errors(found.id, { limit: IMPORT_CHUNK_SIZE, afterRow });
        if (page.length === 0) return;
        yield page;
        afterRow = page[page.length - 1].rowNo;
      }
    }
    const base = found.fileName.replace(/\.(csv|xlsx|txt)$/i, '');
    return { fileName: `${base}-loi.csv`, lines: errorReportCsv(pages()) };
  }

  private async streamRows(actor: Actor, unit: UnitRef, importId: string, rows: AsyncIterable<SourceRow>, context: RowContext): Promise<void> {
    let chunk = new ImportChunk();
    // One chunk is written while the next is read: Node parses while Postgres writes. Writes stay
    // in file order (each starts after the previous committed), so a later chunk merges into an earlier one.
    let writing: Promise<void> = Promise.resolve();
    const flush = async (full: ImportChunk) => {
      await writing;
      writing = this.write(actor, unit, importId, full);
      // Handled when awaited at the next flush or at the end; this keeps a failure from being reported as unhandled meanwhile.
      writing.catch(() => undefined);
    };
    try {
      for await (const source of rows) {
        const row = readableRow(source);
        if ('unreadable' in row) chunk.addInvalid(row.rowNo, row.raw, row.unreadable);
        else {
          const check = checkSubscriberRecord(row.record, context);
          if (check.ok) chunk.addValid(row.rowNo, row.raw, check.row);
          else chunk.addInvalid(row.rowNo, row.raw, rowError(check.problems));
        }
        if (chunk.size >= IMPORT_CHUNK_SIZE) {
          await flush(chunk);
          chunk = new ImportChunk();
        }
      }
      await flush(chunk);
    } finally {
      // A failed read still waits for the write in flight, so the import is marked failed after its last commit.
      await Promise.allSettled([writing]);
    }
    await writing;
  }

  private async write(actor: Actor, unit: UnitRef, importId: string, chunk: ImportChunk): Promise<void> {
    if (chunk.size === 0) return;
    await this.transactions.run(async (tx) => {
      const written = await this.imports.upsert(tx, { unitId: unit.id, scopePath: actor.unitPath, rows: chunk.distinctRows() });
      const { errors, delta } = chunk.settle(written, OUTSIDE_SCOPE);
      await this.imports.recordErrors(tx, importId, errors);
      await this.imports.addProgress(tx, importId, delta);
    });
  }

  private finish(actor: Actor, unit: UnitRef, importId: string, status: 'completed' | 'failed', failure: string | null) {
    return this.transactions.run(async (tx) => {
      const done = await this.imports.finish(tx, importId, status, failure);
      await this.audit.append(
        {
          actorId: actor.userId,
          unitId: unit.id,
          unitPath: unit.path,
          entityType: 'subscriber-import',
          entityId: importId,
          action: 'import',
          data: { fileName: done.fileName, status, rowsRead: done.rowsRead, inserted: done.inserted, merged: done.merged, rejected: done.rejected },
        },
        tx,
      );
      return done;
    });
  }
}

/** A row holding a control character (NUL breaks Postgres text) is refused as a row, like any unreadable line; the report shows it without them. */
function readableRow(row: SourceRow): SourceRow {
  if (!hasControlCharacter(row.raw)) return row;
  return {
    rowNo: row.rowNo,
    raw: withoutControlCharacters(row.raw),
    unreadable: { field: 'file', rule: 'noControlCharacters', message: `dòng ${CONTROL_CHARACTER_MESSAGE}` },
  };
}
