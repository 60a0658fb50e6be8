import { brandnameProblems, matchesTemplate, needsUnicode, templatePattern } from './brandname-rules.js';
import { smsBody } from './segments.js';

const ROUTE = {
  brandname: 'UBND-TINH',
  unicodeAllowed: false,
  templates: ['UBND xa {ten_xa} thong bao: {noi_dung}', 'Lich tiem chung {ngay} tai {dia_diem}.'],
};

describe('brandname templates', () => {
  it('matches a text that fills every placeholder of a registered template', () => {
    expect(matchesTemplate('UBND xa Tan Lap thong bao: lam viec sang thu Bay', ROUTE.templates[0])).toBe(true);
    expect(matchesTemplate('Lich tiem chung 12/3 tai Tram y te xa.', ROUTE.templates[1])).toBe(true);
  });

  it('treats runs of white space as one and ignores the ends', () => {
    expect(matchesTemplate('  UBND  xa Tan Lap\nthong bao:  hop dan ', ROUTE.templates[0])).toBe(true);
  });

  it('refuses changed literal text, an empty placeholder and extra text', () => {
    expect(matchesTemplate('UBND phuong Tan Lap thong bao: hop dan', ROUTE.templates[0])).toBe(false);
    expect(matchesTemplate('Lich tiem chung  tai Tram y te.', ROUTE.templates[1])).toBe(false);
    expect(matchesTemplate('Lich tiem chung 12/3 tai Tram y te. Xin cam on', ROUTE.templates[1])).toBe(false);
  });

  it('takes regular-expression characters in a template literally', () => {
    expect(templatePattern('Gia (VND): {x}?').test('Gia (VND): 5000?')).toBe(true);
    expect(templatePattern('Gia (VND): {x}?').test('Gia VND: 5000')).toBe(false);
  });

  it('compares composed and decomposed Vietnamese alike', () => {
    expect(matchesTemplate('Thông báo: {x}'.replace('{x}', 'họp').normalize('NFD'), 'Thông báo: {x}')).toBe(true);
  });
});

describe('brandname route checks', () => {
  it('accepts a "không dấu" text matching a template on a GSM-only route', () => {
    const body = smsBody('UBND xã Tân Lập thông báo: họp dân lúc 8h', true);
    expect(needsUnicode(body)).toBe(false);
    expect(brandnameProblems(ROUTE, body, 'channels[0]')).toEqual([]);
  });

  it('names the field and the rule when the text needs Unicode on a route that forbids it', () => {
    const body = smsBody('UBND xa Tân Lập thong bao: hop dan', false);
    expect(brandnameProblems(ROUTE, body, 'channels[1]')).toEqual([
      { field: 'channels[1]', rule: 'brandname-unicode', message: expect.stringContaining('không dấu') },
    ]);
  });

  it('accepts Unicode where the route allows it', () => {
    const route = { ...ROUTE, unicodeAllowed: true, templates: ['UBND xã {x} thông báo: {y}'] };
    expect(brandnameProblems(route, smsBody('UBND xã Tân Lập thông báo: họp dân', false), 'channels[0]')).toEqual([]);
  });

  it('refuses a text matching no registered template, and a province with no template at all', () => {
    expect(brandnameProblems(ROUTE, 'Khuyen mai lon', 'channels[0]')).toEqual([
      { field: 'channels[0]', rule: 'brandname-template', message: expect.stringContaining('UBND-TINH') },
    ]);
    expect(brandnameProblems({ ...ROUTE, templates: [] }, 'UBND xa A thong bao: B', 'channels[0]').map((p) => p.rule)).toEqual(['brandname-template']);
  });

  it('refuses when the province registered no brandname', () => {
    expect(brandnameProblems(null, 'x', 'channels[2]')).toEqual([{ field: 'channels[2]', rule: 'brandname', message: expect.any(String) }]);
  });
});
