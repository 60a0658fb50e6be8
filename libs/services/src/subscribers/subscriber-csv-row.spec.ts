import { InvalidInputError } from '#domain/index.js';
import {
  checkSubscriberRecord,
  detectDelimiter,
  headerColumns,
  isBlankRecord,
  recordStartLine,
  rowError,
  villageFinder,
  type RowContext,
} from './subscriber-csv-row.js';

const NOW = new Date('2025-08-01T03:00:00Z');
const findVillage = villageFinder([
  { id: 'v-dong', name: 'Đông', fullName: 'Thôn Đông', code: 'TD-01' },
  { id: 'v-tay', name: 'Tây', fullName: 'Thôn Tây', code: null },
]);
const context: RowContext = { findVillage, timeZone: 'Asia/Ho_Chi_Minh', now: NOW };

function headerRule(header: string[]): string | undefined {
  try {
    headerColumns(header);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.details[0].rule;
    throw error;
  }
  return undefined;
}

describe('the header', () => {
  it('maps names whatever their case, diacritics or BOM, and ignores unknown columns', () => {
    expect(headerColumns(['\ufeffPHONE', 'Full Name', 'Ghi chú', 'Thôn', 'Tags'])).toEqual(['phone', 'full_name', false, 'village', 'tags']);
    expect(headerColumns(['Số điện thoại', 'Họ và tên', 'consent-at'])).toEqual(['phone', 'full_name', 'consent_at']);
  });

  it('refuses a file without a phone column, or naming a column twice', () => {
    expect(headerRule(['name', 'village'])).toBe('header');
    expect(headerRule(['0912345678', 'An'])).toBe('header');
    expect(headerRule(['phone', 'sdt'])).toBe('header');
  });

  it('detects the delimiter from the header line, ignoring quoted text', () => {
    expect(detectDelimiter('phone,full_name,tags')).toBe(',');
    expect(detectDelimiter('phone;full_name;tags')).toBe(';');
    expect(detectDelimiter('"phone;x";full_name,a;b')).toBe(';');
    expect(detectDelimiter('"a,b,c";d')).toBe(';');
    expect(detectDelimiter('phone')).toBe(',');
  });
});

describe('row numbers and blank rows', () => {
  it('gives the line a record starts on, also for a quoted multi-line cell and after empty lines', () => {
    expect(recordStartLine(2, '0912345678;An\n')).toBe(2);
    expect(recordStartLine(7, '\n0914;"multi\nline";3\n')).toBe(6);
    expect(recordStartLine(3, '0912;An\r\n')).toBe(3);
    expect(recordStartLine(9, '0912;"a\r\nb\r\nc"\r')).toBe(7);
  });

  it('treats a row of empty cells as blank', () => {
    expect(isBlankRecord({ phone: '', full_name: '  ' })).toBe(true);
    expect(isBlankRecord({ phone: '0912' })).toBe(false);
  });
});

describe('checkSubscriberRecord', () => {
  it('maps a complete row', () => {
    const check = checkSubscriberRecord(
      {
        phone: '0912.345.678',
        full_name: ' Nguyễn  Văn An ',
        village: 'thon dong',
        tags: 'Hộ nghèo; thanh niên',
        consent_source: 'PAPER',
        consent_at: '15/03/2024',
        preferred_language: 'VI',
      },
      context,
    );
    expect(check).toEqual({
      ok: true,
      row: {
        phone: '+84912345678',
        fullName: 'Nguyễn Văn An',
        villageId: 'v-dong',
        tags: ['hộ nghèo', 'thanh niên'],
        consentSource: 'paper',
        consentAt: new Date('2024-03-14T17:00:00Z'),
        preferredLanguage: 'vi',
      },
    });
  });

  it('defaults everything but the phone', () => {
    const check = checkSubscriberRecord({ phone: '01683456789' }, context);
    expect(check).toEqual({
      ok: true,
      row: { phone: '+84383456789', fullName: null, villageId: null, tags: [], consentSource: 'import', consentAt: NOW, preferredLanguage: 'vi' },
    });
  });

  it('finds a village by code, short name or full name', () => {
    expect(findVillage('td-01')).toBe('v-dong');
    expect(findVillage('Tây')).toBe('v-tay');
    expect(findVillage('THON TAY')).toBe('v-tay');
    expect(findVillage('Bắc')).toBeUndefined();
  });

  it('reports every problem of a row, phone first, and one stored error naming the first', () => {
    const check = checkSubscriberRecord(
      { phone: '12345', village: 'Bắc', consent_source: 'facebook', consent_at: '2099-01-01', preferred_language: 'tiếng Việt' },
      context,
    );
    expect(check.ok).toBe(false);
    const problems = check.ok ? [] : check.problems;
    expect(problems.map((p) => `${p.field}:${p.rule}`)).toEqual([
      'phone:too-short',
      'village:not-found',
      'consent_source:isIn',
      'consent_at:future',
      'preferred_language:matches',
    ]);
    const stored = rowError(problems);
    expect(stored).toEqual(expect.objectContaining({ field: 'phone', rule: 'too-short' }));
    expect(stored.message).toContain('village: không có thôn, tổ dân phố "Bắc"');
  });

  it('refuses dates it cannot read and text garbled by a wrong encoding', () => {
    const badDate = checkSubscriberRecord({ phone: '0912345678', consent_at: '2024/15/03' }, context);
    expect(badDate.ok ? null : badDate.problems[0]).toEqual(expect.objectContaining({ field: 'consent_at', rule: 'date' }));
    const garbled = checkSubscriberRecord({ phone: '0912345678', full_name: 'Nguy\ufffdn' }, context);
    expect(garbled.ok ? null : garbled.problems[0]).toEqual(expect.objectContaining({ field: 'full_name', rule: 'encoding' }));
  });

  it('keeps a single problem as it is', () => {
    expect(rowError([{ field: 'phone', rule: 'landline', message: 'cố định' }])).toEqual({ field: 'phone', rule: 'landline', message: 'cố định' });
  });
});
