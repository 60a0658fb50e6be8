/**
 * CSV for Excel in Vietnam: UTF-8 with a BOM (so diacritics show), ';' between cells (the list
 * separator of Vietnamese Windows), CRLF line ends. The header comes first, then one chunk of lines
 * per batch, so a large export never sits in memory whole.
 */
export async function* excelCsv<T>(
  header: readonly string[],
  batches: AsyncIterable<readonly T[]>,
  cellsOf: (row: T) => readonly string[],
): AsyncGenerator<string> {
  yield `\ufeff${csvLine(header)}`;
  for await (const batch of batches) {
    yield batch.map((row) => csvLine(cellsOf(row))).join('');
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
