import { excelCsv } from '#domain/index.js';
import type { ImportRowError } from '#persistence/repositories/subscriber-import.repository.js';

export const ERROR_REPORT_HEADER = ['Dòng', 'Cột', 'Quy tắc', 'Lỗi', 'Nội dung dòng'];

/** The error report as CSV for Excel (see excelCsv), produced page by page, never all at once. */
export function errorReportCsv(pages: AsyncIterable<readonly ImportRowError[]>): AsyncGenerator<string> {
  return excelCsv(ERROR_REPORT_HEADER, pages, (e) => [String(e.rowNo), e.field, e.rule, e.message, e.raw]);
}
