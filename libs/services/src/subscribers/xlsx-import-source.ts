import { open } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { InvalidInputError } from '#domain/index.js';
import type { ImportSource, SourceRow } from './import-format.js';
import { fileProblem, headerColumns, isBlankRecord, type SubscriberCsvColumn, type SubscriberCsvRecord } from './subscriber-csv-row.js';

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
type Columns = (SubscriberCsvColumn | false)[];

/**
 * A subscriber workbook (.xlsx): the first sheet, its first row the header with the CSV's column
 * names. One streaming pass checks the header and counts the rows before an import is recorded; a
 * second reads them. Neither holds the sheet in memory (shared strings and styles are cached, rows are not).
 */
export async function openXlsxSource(path: string): Promise<ImportSource> {
  if (!(await startsWithZip(path))) throw notXlsx();
  let columns: Columns | undefined;
  let totalRows = 0;
  try {
    for await (const { cells } of sheetRows(path)) {
      if (columns === undefined) columns = headerColumns(cells);
      else if (!isBlankRecord(toRecord(columns, cells))) totalRows++;
    }
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    throw notXlsx();
  }
  if (columns === undefined) throw fileProblem('empty', 'trang tính đầu tiên rỗng hoặc thiếu dòng tiêu đề (cột phone)');
  const header = columns;
  return { totalRows, rows: () => xlsxRows(path, header) };
}

async function* xlsxRows(path: string, columns: Columns): AsyncGenerator<SourceRow> {
  let header = true;
  for await (const { rowNo, cells } of sheetRows(path)) {
    if (header) {
      header = false;
      continue;
    }
    const record = toRecord(columns, cells);
    if (!isBlankRecord(record)) yield { rowNo, raw: csvLine(cells), record };
  }
}

/** The rows of the first sheet as text cells (index 0 is column A); Excel's row number is the row's line in the error report. */
async function* sheetRows(path: string): AsyncGenerator<{ rowNo: number; cells: string[] }> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  for await (const sheet of workbook) {
    for await (const row of sheet) {
      const values = row.values as ExcelJS.CellValue[];
      yield { rowNo: row.number, cells: Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1])) };
    }
    return;
  }
}

function toRecord(columns: Columns, cells: readonly string[]): SubscriberCsvRecord {
  const record: SubscriberCsvRecord = {};
  columns.forEach((column, i) => {
    if (column) record[column] = cells[i] ?? '';
  });
  return record;
}

/**
 * A cell as the officer sees it. Numbers keep every digit (a phone typed as a number lost its leading 0,
 * which the phone rules accept); dates carry Excel's wall-clock time, read later in the unit's zone.
 */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return wallClock(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return String(value.text ?? '');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result);
  if ('error' in value) return String(value.error);
  return '';
}

function wallClock(date: Date): string {
  const iso = date.toISOString();
  const time = iso.slice(11, 16);
  return time === '00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
}

/** The row as one CSV line, for the error report's "row content" column. */
function csvLine(cells: readonly string[]): string {
  return cells.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',');
}

async function startsWithZip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.equals(ZIP_SIGNATURE);
  } finally {
    await handle.close();
  }
}

function notXlsx() {
  return fileProblem('format', 'tệp không đọc được như Excel .xlsx (tệp .xls cũ hoặc bị hỏng); hãy lưu lại dạng "Excel Workbook (.xlsx)"');
}
