import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse, type CsvError } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type { ImportSource, SourceRow } from './import-format.js';
import { detectDelimiter, fileProblem, headerColumns, isBlankRecord, recordStartLine, type SubscriberCsvRecord } from './subscriber-csv-row.js';

const HEAD_BYTES = 64 * 1024;

/** A subscriber CSV, refused before an import is recorded when its first line cannot be a subscriber header. */
export async function openCsvSource(path: string): Promise<ImportSource> {
  const delimiter = await checkHead(path);
  const totalRows = await countDataLines(path, delimiter);
  return { totalRows, rows: () => csvRows(path, delimiter) };
}

async function* csvRows(path: string, delimiter: string): AsyncGenerator<SourceRow> {
  // Lines csv-parse cannot read arrive through a callback; they are handed on in file order between records.
  const unreadable: SourceRow[] = [];
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
      if (error) {
        const line = raw ?? '';
        unreadable.push({ rowNo: recordStartLine(Number(error.lines) || 0, line), raw: line, unreadable: { field: 'file', rule: 'csv', message: csvProblem(error) } });
      }
      return undefined;
    },
  });
  const source = createReadStream(path);
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  for await (const { record, info, raw } of parser as AsyncIterable<{ record: SubscriberCsvRecord; info: { lines: number }; raw: string }>) {
    yield* unreadable.splice(0);
    if (!isBlankRecord(record)) yield { rowNo: recordStartLine(info.lines, raw), raw, record };
  }
  yield* unreadable.splice(0);
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
  if (head.subarray(0, 4).equals(ZIP_SIGNATURE)) {
    throw fileProblem('format', 'tệp này là tệp Excel, không phải CSV: hãy đặt đuôi .xlsx hoặc lưu lại dạng "CSV UTF-8"');
  }
  const firstLine = head.toString('utf8').replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.trim() === '') throw fileProblem('empty', 'tệp rỗng hoặc thiếu dòng tiêu đề (cột phone)');
  const delimiter = detectDelimiter(firstLine);
  const [header] = parseSync(firstLine, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
  headerColumns(header ?? []);
  return delimiter;
}

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * The lines after the header that hold something besides delimiters and blanks: the rows the import
 * will read, for a progress bar. A quoted cell spanning lines makes it an overestimate, which the end
 * of the import corrects. One pass over the bytes, without parsing.
 */
export async function countDataLines(path: string, delimiter: string): Promise<number> {
  const filler = new Set([0x20, 0x09, 0x0d, 0x22, delimiter.charCodeAt(0)]);
  let lines = 0;
  let meaningful = false;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (const byte of chunk) {
      if (byte === 0x0a) {
        if (meaningful) lines++;
        meaningful = false;
      } else if (!filler.has(byte)) meaningful = true;
    }
  }
  if (meaningful) lines++;
  return Math.max(0, lines - 1);
}

function csvProblem(error: CsvError): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return 'dấu ngoặc kép mở nhưng không đóng; phần còn lại của tệp không đọc được';
  return `dòng CSV không đọc được (${error.code})`;
}
