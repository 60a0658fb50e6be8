import type { FieldProblem } from '#domain/index.js';
import type { SubscriberCsvRecord } from './subscriber-csv-row.js';

export type ImportFormat = 'csv' | 'xlsx';

export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_MIME_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel', 'application/octet-stream'];

/**
 * The format of an uploaded list, by its extension first (browsers on Windows send a .csv as
 * application/vnd.ms-excel), by its declared type when it has no extension; null for anything else.
 */
export function importFormatOf(fileName: string, mimeType: string): ImportFormat | null {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'xlsx') return 'xlsx';
  if (extension === 'csv' || extension === 'txt') return 'csv';
  if (extension !== undefined) return null;
  if (mimeType === XLSX_MIME_TYPE) return 'xlsx';
  return CSV_MIME_TYPES.includes(mimeType) ? 'csv' : null;
}

export const UNSUPPORTED_FORMAT: FieldProblem = {
  field: 'file',
  rule: 'format',
  message: 'chỉ nhận tệp Excel (.xlsx) hoặc CSV UTF-8 (.csv); tệp .xls cũ hãy lưu lại dạng "Excel Workbook (.xlsx)"',
};

/** One row of an uploaded list, in file order: a record to check, or a row that could not be read at all. */
export type SourceRow = { rowNo: number; raw: string } & ({ record: SubscriberCsvRecord } | { unreadable: FieldProblem });

/** An uploaded list whose header has been checked: how many rows it holds (as far as known before reading them) and the rows. */
export interface ImportSource {
  totalRows: number;
  rows(): AsyncIterable<SourceRow>;
}
