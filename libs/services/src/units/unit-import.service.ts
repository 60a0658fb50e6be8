import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { parse, type CsvError } from 'csv-parse';
import { OFFICIAL_LISTS } from '#domain/index.js';
import {
  UnitImportRepository,
  type StagedUnit,
  type UnitImportSession,
} from '#persistence/repositories/unit-import.repository.js';
import { checkUnitRecord, type UnitCsvRecord } from './unit-csv-row.js';

export type OfficialSource = keyof typeof OFFICIAL_LISTS;

export interface UnitListFile {
  source: OfficialSource;
  path: string;
}

/** `row` is the line number in the file (the header is line 1). */
export interface RejectedRow {
  row: number;
  reason: string;
}

export interface SourceSummary {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRow[];
}

export type ImportSummary = Partial<Record<OfficialSource, SourceSummary>>;

const BATCH_SIZE = 2_000;
const REQUIRED_COLUMNS = ['code', 'parent_code', 'level', 'type', 'name'];

/**
 * Imports the official unit lists idempotently: (source, code) is the key, a unit that did not change is
 * not written, and a bad row is reported by its line number while every valid row is kept.
 */
@Injectable()
export class UnitImportService {
  constructor(private readonly imports: UnitImportRepository) {}

  /** Both official lists, from the directory that holds them (config.unitsDataDir). */
  importOfficialLists(dir: string): Promise<ImportSummary> {
    const files = (Object.keys(OFFICIAL_LISTS) as OfficialSource[]).map((source) => ({
      source,
      path: join(dir, OFFICIAL_LISTS[source].file),
    }));
    return this.importFiles(files);
  }

  /** One transaction for the whole run: the tree never shows a half-imported list. */
  importFiles(files: readonly UnitListFile[]): Promise<ImportSummary> {
    return this.imports.inImportTransaction(async (session) => {
      const rejectedBySource = new Map<OfficialSource, RejectedRow[]>();
      const codesBySource = new Map<OfficialSource, Map<string, number>>();
      for (const file of files) {
        if (!codesBySource.has(file.source)) codesBySource.set(file.source, new Map());
        const rejected = await this.stageFile(session, file, codesBySource.get(file.source)!);
        rejectedBySource.set(file.source, [...(rejectedBySource.get(file.source) ?? []), ...rejected]);
      }
      const outcome = await session.merge();
      const summary: ImportSummary = {};
      for (const [source, rejected] of rejectedBySource) {
        const counts = outcome.counts.find((c) => c.source === source) ?? { valid: 0, inserted: 0, updated: 0 };
        const placed = outcome.rejected.filter((r) => r.source === source).map(({ row, reason }) => ({ row, reason }));
        summary[source] = {
          inserted: counts.inserted,
          updated: counts.updated,
          unchanged: counts.valid - counts.inserted - counts.updated,
          rejected: [...rejected, ...placed].sort((a, b) => a.row - b.row),
        };
      }
      return summary;
    });
  }

  /** Streams one file into the staging table in batches; returns the rows refused on their own. */
  private async stageFile(session: UnitImportSession, file: UnitListFile, codes: Map<string, number>): Promise<RejectedRow[]> {
    const validity = OFFICIAL_LISTS[file.source];
    const rejected: RejectedRow[] = [];
    // pipeline hands a read error (missing file) to the parser, so the loop below throws it and the run rolls back.
    const parser = pipeline(
      createReadStream(file.path),
      parse({
        columns: (header: string[]) => checkHeader(header, file.path),
        bom: true,
        skip_empty_lines: true,
        relax_column_count: true,
        info: true,
        skip_records_with_error: true,
        on_skip: (error: CsvError | undefined) => {
          if (error) rejected.push({ row: Number(error.lines) || 0, reason: `dòng CSV không đọc được: ${error.message}` });
          return undefined;
        },
      }),
      () => undefined,
    );
    let batch: StagedUnit[] = [];
    for await (const { record, info } of parser as AsyncIterable<{ record: UnitCsvRecord; info: { lines: number } }>) {
      const row = info.lines;
      const check = checkUnitRecord(record);
      if (!check.ok) {
        rejected.push({ row, reason: check.reason });
        continue;
      }
      const firstRow = codes.get(check.unit.code);
      if (firstRow !== undefined) {
        rejected.push({ row, reason: `mã "${check.unit.code}" trùng với dòng ${firstRow}` });
        continue;
      }
      codes.set(check.unit.code, row);
      batch.push({ ...check.unit, source: file.source, row, validFrom: validity.validFrom, validTo: validity.validTo });
      if (batch.length >= BATCH_SIZE) {
        await session.stage(batch);
        batch = [];
      }
    }
    await session.stage(batch);
    return rejected;
  }
}

function checkHeader(header: string[], path: string): string[] {
  const columns = header.map((h) => h.trim());
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new Error(`${path}: thiếu cột ${missing.join(', ')} (cần code,parent_code,level,type,name,full_name,name_en)`);
  return columns;
}
