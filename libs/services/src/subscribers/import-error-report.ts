import type { ImportRowError } from '../../../persistence/src/repositories/subscriber-import.repository.js';

/**
 * The error report as CSV for Excel in Vietnam: UTF-8 with a BOM (so diacritics show) and ';' between
 * cells (the list separator of Vietnamese Windows). Lines are produced page by page, never all at once.
 */
export const ERROR_REPORT_HEADER = ['Dòng', 'Cột', 'Quy tắc', 'Lỗi', 'Nội dung dòng'];

export async function* errorReportCsv(pages: AsyncIterable<readonly ImportRowError[]>): AsyncGenerator<string> {
  yield `\ufeff${csvLine(ERROR_REPORT_HEADER)}`;
  for await (const page of pages) {
    yield page.map((e) => csvLine([String(e.rowNo), e.field, e.rule, e.message, e.raw])).join('');
  }
}

function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(';')}\r\n`;
}

/** Quoted when it holds a separator, a quote or a line break; a leading = + - @ is defused so Excel never runs it as a formula. */
function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[;"\r\n,]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
