import { smsSegments } from '#domain/index.js';
import { ImportChunk, RAW_MAX_LENGTH } from './import-chunk.js';
import { errorReportCsv } from './import-error-report.js';
import { KEYWORD_HELP_REPLY, keywordReply } from './keyword-replies.js';
import type { ImportRow } from './subscriber-csv-row.js';

const AT = new Date('2024-01-01T00:00:00Z');
function row(phone: string, extra: Partial<ImportRow> = {}): ImportRow {
  return { phone, fullName: null, villageId: null, tags: [], consentSource: 'import', consentAt: AT, preferredLanguage: 'vi', ...extra };
}
const REFUSAL = { field: 'phone', rule: 'other-unit', message: 'ngoài phạm vi' };

describe('ImportChunk', () => {
  it('merges a number repeated within the chunk: first values win, tags united, blanks filled', () => {
    const chunk = new ImportChunk();
    chunk.addValid(2, 'a', row('+84912345678', { tags: ['a'], consentSource: 'paper' }));
    chunk.addValid(3, 'b', row('+84912345678', { fullName: 'An', villageId: 'v1', tags: ['b', 'a'], consentSource: 'form' }));
    chunk.addValid(4, 'c', row('+84912345679'));
    expect(chunk.size).toBe(3);
    expect(chunk.distinctRows()).toEqual([
      row('+84912345678', { fullName: 'An', villageId: 'v1', tags: ['a', 'b'], consentSource: 'paper' }),
      row('+84912345679'),
    ]);
  });

  it('counts inserted and merged rows from what the upsert wrote', () => {
    const chunk = new ImportChunk();
    chunk.addValid(2, 'a', row('+84912345678'));
    chunk.addValid(3, 'b', row('+84912345678'));
    chunk.addValid(4, 'c', row('+84912345679'));
    chunk.addInvalid(5, 'bad', { field: 'phone', rule: 'landline', message: 'cố định' });
    const { errors, delta } = chunk.settle(
      [
        { phone: '+84912345678', inserted: true },
        { phone: '+84912345679', inserted: false },
      ],
      REFUSAL,
    );
    expect(delta).toEqual({ rowsRead: 4, inserted: 1, merged: 2, rejected: 1 });
    expect(errors).toEqual([{ rowNo: 5, raw: 'bad', field: 'phone', rule: 'landline', message: 'cố định' }]);
  });

  it('refuses every row of a number the upsert did not write (subscribed outside the subtree), in row order', () => {
    const chunk = new ImportChunk();
    chunk.addValid(9, 'x1\n', row('+84912345678'));
    chunk.addInvalid(3, 'bad', { field: 'phone', rule: 'format', message: 'sai' });
    chunk.addValid(2, 'x2', row('+84912345678'));
    const { errors, delta } = chunk.settle([], REFUSAL);
    expect(delta).toEqual({ rowsRead: 3, inserted: 0, merged: 0, rejected: 3 });
    expect(errors.map((e) => [e.rowNo, e.rule, e.raw])).toEqual([
      [2, 'other-unit', 'x2'],
      [3, 'format', 'bad'],
      [9, 'other-unit', 'x1'],
    ]);
  });

  it('stores raw lines without their line breaks, cutting very long ones', () => {
    const chunk = new ImportChunk();
    chunk.addInvalid(2, 'x'.repeat(5000), REFUSAL);
    chunk.addInvalid(3, '\r\n12;x;;\r', REFUSAL);
    const [long, short] = chunk.settle([], REFUSAL).errors;
    expect(long.raw).toHaveLength(RAW_MAX_LENGTH + 1);
    expect(short.raw).toBe('12;x;;');
  });
});

describe('the error report CSV', () => {
  it('starts with a BOM and a Vietnamese header, quotes what needs it and defuses formulas', async () => {
    async function* pages() {
      yield [{ rowNo: 2, field: 'phone', rule: 'landline', message: 'Đây là số cố định; không nhận SMS', raw: '+842438251234;"An"' }];
      yield [{ rowNo: 7, field: 'file', rule: 'csv', message: 'hỏng', raw: '=cmd()' }];
    }
    let text = '';
    for await (const part of errorReportCsv(pages())) text += part;
    expect(text.split('\r\n')).toEqual([
      '\ufeffDòng;Cột;Quy tắc;Lỗi;Nội dung dòng',
      `2;phone;landline;"Đây là số cố định; không nhận SMS";"'+842438251234;""An"""`,
      `7;file;csv;hỏng;'=cmd()`,
      '',
    ]);
  });
});

describe('keyword replies', () => {
  it('each fit one GSM-7 SMS', () => {
    const replies = [KEYWORD_HELP_REPLY];
    for (const keyword of ['opt-out', 'opt-in'] as const) {
      for (const outcome of ['changed', 'unchanged', 'not-subscribed'] as const) replies.push(keywordReply(keyword, outcome));
    }
    for (const reply of replies) expect(smsSegments(reply)).toEqual(expect.objectContaining({ encoding: 'GSM-7', parts: 1 }));
  });
});
