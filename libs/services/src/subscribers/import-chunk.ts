import type { FieldProblem } from '#domain/index.js';
import type { ImportRowError, ImportUpsertRow, ProgressDelta } from '#persistence/repositories/subscriber-import.repository.js';
import type { ImportRow } from './subscriber-csv-row.js';

/** Stored raw lines are cut here: a broken file can put megabytes in one "line". */
export const RAW_MAX_LENGTH = 1_000;

interface SourceRow {
  rowNo: number;
  raw: string;
}

/**
 * The rows of one chunk of an import, before they are written. Rows that repeat a number within the
 * chunk are merged here (the first row's values win, tags are united, an empty name or village is
 * filled from a later row), because one INSERT … ON CONFLICT cannot touch the same row twice.
 */
export class ImportChunk {
  private readonly byPhone = new Map<string, { row: ImportUpsertRow; sources: SourceRow[] }>();
  private readonly errors: ImportRowError[] = [];
  private read = 0;

  get size(): number {
    return this.read;
  }

  addValid(rowNo: number, raw: string, row: ImportRow): void {
    this.read++;
    const source = { rowNo, raw: cutRaw(raw) };
    const seen = this.byPhone.get(row.phone);
    if (!seen) {
      this.byPhone.set(row.phone, { row: { ...row, tags: [...row.tags] }, sources: [source] });
      return;
    }
    seen.sources.push(source);
    seen.row.fullName ??= row.fullName;
    seen.row.villageId ??= row.villageId;
    for (const tag of row.tags) if (!seen.row.tags.includes(tag)) seen.row.tags.push(tag);
  }

  addInvalid(rowNo: number, raw: string, error: FieldProblem): void {
    this.read++;
    this.errors.push({ rowNo, raw: cutRaw(raw), ...error });
  }

  /** One row per number, ready for the upsert. */
  distinctRows(): ImportUpsertRow[] {
    return [...this.byPhone.values()].map((entry) => entry.row);
  }

  /**
   * What the chunk came to once written: `written` lists the numbers the upsert inserted or merged; a
   * valid row whose number is missing from it belongs to a subscriber outside the caller's subtree and is
   * refused with `refusal`. Every valid row that did not create its subscriber counts as merged.
   */
  settle(written: readonly { phone: string; inserted: boolean }[], refusal: FieldProblem): { errors: ImportRowError[]; delta: ProgressDelta } {
    const outcome = new Map(written.map((w) => [w.phone, w.inserted]));
    const errors = [...this.errors];
    let inserted = 0;
    let merged = 0;
    for (const [phone, { sources }] of this.byPhone) {
      const wasInserted = outcome.get(phone);
      if (wasInserted === undefined) {
        errors.push(...sources.map((s) => ({ ...s, ...refusal })));
        continue;
      }
      if (wasInserted) inserted++;
      merged += sources.length - (wasInserted ? 1 : 0);
    }
    errors.sort((a, b) => a.rowNo - b.rowNo);
    return { errors, delta: { rowsRead: this.read, inserted, merged, rejected: errors.length } };
  }
}

function cutRaw(raw: string): string {
  const line = raw.replace(/^[\r\n]+|[\r\n]+$/g, '');
  return line.length > RAW_MAX_LENGTH ? `${line.slice(0, RAW_MAX_LENGTH)}…` : line;
}
