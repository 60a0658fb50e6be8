import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { parse, type CsvError } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { APP_CONFIG, type AppConfig } from '../../../config/src/index.js';
import { cleanFileName, InvalidInputError, NotFoundError, type Actor, type FieldProblem } from '../../../domain/src/index.js';
import { AuditRepository, UnitRepository, type UnitRef } from '../../../persistence/src/index.js';
import {
  SubscriberImportRepository,
  type ImportRowError,
  type SubscriberImportView,
} from '../../../persistence/src/repositories/subscriber-import.repository.js';
import { SubscriberRepository } from '../../../persistence/src/repositories/subscriber.repository.js';
import { ImportChunk } from './import-chunk.js';
import { errorReportCsv } from './import-error-report.js';
import {
  checkSubscriberRecord,
  detectDelimiter,
  fileProblem,
  headerColumns,
  isBlankRecord,
  recordStartLine,
  rowError,
  villageFinder,
  type RowContext,
  type SubscriberCsvRecord,
} from './subscriber-csv-row.js';

export interface CsvUpload {
  /** A file on local disk: the upload is streamed from it, never loaded whole. */
  path: string;
  originalName: string;
}

export interface SubscriberImportSummary extends SubscriberImportView {
  /** The first rejected rows, so the uploader sees at once what to fix; the full report is paginated and downloadable. */
  firstErrors: ImportRowError[];
}

/** Rows written per transaction: large enough for set-based SQL, small enough for steady progress and memory. */
export const IMPORT_CHUNK_SIZE = 5_000;
const HEAD_BYTES = 64 * 1024;
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
    private readonly imports: SubscriberImportRepository,
    private readonly subscribers: SubscriberRepository,
    private readonly units: UnitRepository,
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async import(actor: Actor, file: CsvUpload | undefined, unitId: string | undefined): Promise<SubscriberImportSummary> {
    if (!file) throw fileProblem('required', 'là bắt buộc (gửi tệp CSV trong trường "file" của biểu mẫu)');
    const unit = await this.units.findInScope(actor, unitId ?? actor.unitId);
    if (!unit) throw new NotFoundError('unit');
    if (unit.level === 'village') {
      throw new InvalidInputError([
        { field: 'unitId', rule: 'not-village', message: 'hãy chọn xã, phường; thôn, tổ dân phố ghi ở cột village của tệp' },
      ]);
    }
    const delimiter = await checkHead(file.path);
    const context: RowContext = {
      findVillage: villageFinder(await this.subscribers.villagesUnder(unit.path)),
      timeZone: unit.timeZone ?? this.config.defaultTimeZone,
      now: new Date(),
    };
    const started = await this.imports.create({ unitId: unit.id, createdBy: actor.userId, fileName: cleanFileName(file.originalName, 'subscribers.csv') });
    try {
      await this.streamRows(actor, unit, started.id, file.path, delimiter, context);
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
    const base = found.fileName.replace(/\.csv$/i, '');
    return { fileName: `${base}-loi.csv`, lines: errorReportCsv(pages()) };
  }

  private async streamRows(actor: Actor, unit: UnitRef, importId: string, path: string, delimiter: string, context: RowContext): Promise<void> {
    let chunk = new ImportChunk();
    // Lines csv-parse cannot read arrive through a callback; they join the chunk being filled, in the loop below.
    const unreadable: { rowNo: number; raw: string; message: string }[] = [];
    const parser = parse({
      delimiter,
      bom: true,
      columns: (header: string[]) => headerColumns(header),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined, raw: string | undefined) => {
        if (error) unreadable.push({ rowNo: recordStartLine(Number(error.lines) || 0, raw ?? ''), raw: raw ?? '', message: csvProblem(error) });
        return undefined;
      },
    });
    const source = createReadStream(path);
    source.on('error', (error) => parser.destroy(error));
    source.pipe(parser);
    // One chunk is written while the next is parsed: Node parses while Postgres writes. Writes stay
    // in file order (each starts after the previous committed), so a later chunk merges into an earlier one.
    let writing: Promise<void> = Promise.resolve();
    const flush = async (full: ImportChunk) => {
      for (const line of unreadable.splice(0)) full.addInvalid(line.rowNo, line.raw, { field: 'file', rule: 'csv', message: line.message });
      await writing;
      writing = this.write(actor, unit, importId, full);
      // Handled when awaited at the next flush or at the end; this keeps a failure from being reported as unhandled meanwhile.
      writing.catch(() => undefined);
    };
    try {
      for await (const { record, info, raw } of parser as AsyncIterable<{ record: SubscriberCsvRecord; info: { lines: number }; raw: string }>) {
        if (isBlankRecord(record)) continue;
        const rowNo = recordStartLine(info.lines, raw);
        const check = checkSubscriberRecord(record, context);
        if (check.ok) chunk.addValid(rowNo, raw, check.row);
        else chunk.addInvalid(rowNo, raw, rowError(check.problems));
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
    await this.imports.transaction(async (tx) => {
      const written = await this.imports.upsert(tx, { unitId: unit.id, scopePath: actor.unitPath, rows: chunk.distinctRows() });
      const { errors, delta } = chunk.settle(written, OUTSIDE_SCOPE);
      await this.imports.recordErrors(tx, importId, errors);
      await this.imports.addProgress(tx, importId, delta);
    });
  }

  private finish(actor: Actor, unit: UnitRef, importId: string, status: 'completed' | 'failed', failure: string | null) {
    return this.imports.transaction(async (tx) => {
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

/** Reads the first line only: the file is refused before an import is recorded if it cannot be a subscriber CSV. */
async function checkHead(path: string): Promise<',' | ';'> {
  const handle = await open(path, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw fileProblem('encoding', 'tệp đang ở dạng UTF-16; hãy lưu lại dạng "CSV UTF-8 (Comma delimited)"');
  }
  const firstLine = head.toString('utf8').replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.trim() === '') throw fileProblem('empty', 'tệp rỗng hoặc thiếu dòng tiêu đề (cột phone)');
  const delimiter = detectDelimiter(firstLine);
  const [header] = parseSync(firstLine, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
  headerColumns(header ?? []);
  return delimiter;
}

function csvProblem(error: CsvError): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return 'dấu ngoặc kép mở nhưng không đóng; phần còn lại của tệp không đọc được';
  return `dòng CSV không đọc được (${error.code})`;
}
