import {
  cleanFullName,
  consentAtProblems,
  normaliseTags,
  parseConsentDate,
  phoneDigitsOf,
  phoneOrProblem,
  splitTags,
  tagsProblems,
  languageProblems,
} from './subscriber-fields.js';

const VN = 'Asia/Ho_Chi_Minh';

describe('phoneOrProblem', () => {
  it('normalises to E.164, legacy eleven-digit numbers included', () => {
    expect(phoneOrProblem('0912 345 678')).toEqual({ phone: '+84912345678' });
    expect(phoneOrProblem('01683456789')).toEqual({ phone: '+84383456789' });
  });

  it('names the field and the rule broken', () => {
    expect(phoneOrProblem('024 3825 1234', 'phone')).toEqual({ problem: expect.objectContaining({ field: 'phone', rule: 'landline' }) });
    expect(phoneOrProblem('', 'phone')).toEqual({ problem: expect.objectContaining({ rule: 'required' }) });
  });
});

describe('names and tags', () => {
  it('keeps one spelling of a name: NFC, single spaces, empty is null', () => {
    expect(cleanFullName('  Nguye\u0302\u0303n   Văn An ')).toBe('Nguyễn Văn An');
    expect(cleanFullName('   ')).toBeNull();
    expect(cleanFullName(undefined)).toBeNull();
  });

  it('stores tags lower-case, each once, in the order first given', () => {
    expect(normaliseTags(['Hộ nghèo', ' thanh  niên ', 'hộ nghèo', ''])).toEqual(['hộ nghèo', 'thanh niên']);
  });

  it('splits a cell on ; , or |', () => {
    expect(splitTags('Hộ nghèo; thanh niên,phụ nữ|hộ nghèo')).toEqual(['hộ nghèo', 'thanh niên', 'phụ nữ']);
    expect(splitTags('')).toEqual([]);
    expect(splitTags(undefined)).toEqual([]);
  });

  it('refuses too many or too long tags', () => {
    expect(tagsProblems(Array.from({ length: 21 }, (_, i) => `t${i}`))[0].rule).toBe('arrayMaxSize');
    expect(tagsProblems(['x'.repeat(51)])[0].rule).toBe('maxLength');
    expect(tagsProblems(['a;b'])[0].rule).toBe('matches');
    expect(tagsProblems(['hộ nghèo'])).toEqual([]);
  });

  it('accepts ISO 639 language codes only', () => {
    expect(languageProblems('vi')).toEqual([]);
    expect(languageProblems('hmn')).toEqual([]);
    expect(languageProblems('Vietnamese')[0]).toEqual(expect.objectContaining({ field: 'preferredLanguage', rule: 'matches' }));
  });
});

describe('parseConsentDate', () => {
  it('reads day-first Vietnamese dates as local midnight', () => {
    expect(parseConsentDate('15/03/2024', VN)?.toISOString()).toBe('2024-03-14T17:00:00.000Z');
    expect(parseConsentDate('5-3-2024 08:30', VN)?.toISOString()).toBe('2024-03-05T01:30:00.000Z');
    expect(parseConsentDate('05.03.2024', VN)?.toISOString()).toBe('2024-03-04T17:00:00.000Z');
  });

  it('reads ISO dates, local without an offset and exact with one', () => {
    expect(parseConsentDate('2024-03-15', VN)?.toISOString()).toBe('2024-03-14T17:00:00.000Z');
    expect(parseConsentDate('2024-03-15 08:30:15', VN)?.toISOString()).toBe('2024-03-15T01:30:15.000Z');
    expect(parseConsentDate('2024-03-15T08:30:00Z', VN)?.toISOString()).toBe('2024-03-15T08:30:00.000Z');
    expect(parseConsentDate('2024-03-15T08:30:00+07:00', VN)?.toISOString()).toBe('2024-03-15T01:30:00.000Z');
  });

  it('refuses days that do not exist and text that is not a date', () => {
    expect(parseConsentDate('31/02/2024', VN)).toBeNull();
    expect(parseConsentDate('2024-13-01', VN)).toBeNull();
    expect(parseConsentDate('15/03/2024 25:00', VN)).toBeNull();
    expect(parseConsentDate('hôm qua', VN)).toBeNull();
    expect(parseConsentDate('03/15', VN)).toBeNull();
  });

  it('refuses a consent in the future, with a minute of leeway', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    expect(consentAtProblems(new Date('2025-01-01T00:00:30Z'), now)).toEqual([]);
    expect(consentAtProblems(new Date('2025-01-02T00:00:00Z'), now, 'consent_at')[0]).toEqual(
      expect.objectContaining({ field: 'consent_at', rule: 'future' }),
    );
  });
});

describe('phoneDigitsOf', () => {
  it('turns a number-like search into national digits', () => {
    expect(phoneDigitsOf('0912 345')).toBe('912345');
    expect(phoneDigitsOf('+84 912 345 678')).toBe('912345678');
    expect(phoneDigitsOf('0084912345678')).toBe('912345678');
    expect(phoneDigitsOf('345.678')).toBe('345678');
  });

  it('leaves names and too-short fragments to the name search', () => {
    expect(phoneDigitsOf('Nguyễn')).toBeNull();
    expect(phoneDigitsOf('09')).toBeNull();
    expect(phoneDigitsOf('An 0912')).toBeNull();
  });
});
