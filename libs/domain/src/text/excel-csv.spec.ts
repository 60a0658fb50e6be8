import { excelCsv } from './excel-csv.js';

async function text(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

async function* batches<T>(...parts: T[][]): AsyncGenerator<T[]> {
  for (const part of parts) yield part;
}

describe('excelCsv', () => {
  it('starts with a BOM and the header, then one chunk of CRLF lines per batch', async () => {
    const chunks = await text(excelCsv(['Tên', 'Số'], batches([['An', '1'], ['Bình', '2']], [['Chi', '3']]), (r) => r));
    expect(chunks).toEqual(['\ufeffTên;Số\r\n', 'An;1\r\nBình;2\r\n', 'Chi;3\r\n']);
  });

  it('quotes cells holding a separator, a quote or a line break, and defuses formulas', async () => {
    const rows = [['a;b', 'say "hi"', 'x\ny', 'a,b'], ['=cmd()', '+84', '-1', '@SUM(A1)']];
    const chunks = await text(excelCsv(['h'], batches(rows), (r) => r));
    expect(chunks[1]).toBe(`"a;b";"say ""hi""";"x\ny";"a,b"\r\n'=cmd();'+84;'-1;'@SUM(A1)\r\n`);
  });

  it('writes only the header when there are no rows', async () => {
    expect(await text(excelCsv(['Dòng', 'Lỗi'], batches<string[]>(), (r) => r))).toEqual(['\ufeffDòng;Lỗi\r\n']);
  });
});
