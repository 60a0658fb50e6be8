import { LEGACY_MOBILE_PREFIXES, normaliseVietnamesePhone, type PhoneResult } from './vn-phone.js';

const ok = (e164: string): PhoneResult => ({ ok: true, e164 });

describe('normaliseVietnamesePhone', () => {
  it.each([
    ['0912345678', '+84912345678'],
    ['0912 345 678', '+84912345678'],
    ['0912.345.678', '+84912345678'],
    ['091-234-5678', '+84912345678'],
    ['(091) 234 5678', '+84912345678'],
    ['+84912345678', '+84912345678'],
    ['+84 91 234 5678', '+84912345678'],
    ['(+84) 912 345 678', '+84912345678'],
    ['+84 0912 345 678', '+84912345678'],
    ['84912345678', '+84912345678'],
    ['840912345678', '+84912345678'],
    ['0084912345678', '+84912345678'],
    ['0084 0912345678', '+84912345678'],
    ['\u00a00386 123 456 ', '+84386123456'],
    ['0521234567', '+84521234567'],
    ['0701234567', '+84701234567'],
    ['0812345678', '+84812345678'],
  ])('accepts %j as %s', (raw, e164) => {
    expect(normaliseVietnamesePhone(raw)).toEqual(ok(e164));
  });

  it('accepts a number whose leading 0 a spreadsheet dropped, including a VinaPhone 084 one', () => {
    expect(normaliseVietnamesePhone('912345678')).toEqual(ok('+84912345678'));
    expect(normaliseVietnamesePhone('841234567')).toEqual(ok('+84841234567'));
    expect(normaliseVietnamesePhone('1681234567')).toEqual(ok('+84381234567'));
  });

  it.each([
    ['01201234567', '+84701234567'],
    ['01211234567', '+84791234567'],
    ['01221234567', '+84771234567'],
    ['01261234567', '+84761234567'],
    ['01281234567', '+84781234567'],
    ['01231234567', '+84831234567'],
    ['01241234567', '+84841234567'],
    ['01251234567', '+84851234567'],
    ['01271234567', '+84811234567'],
    ['01291234567', '+84821234567'],
    ['01621234567', '+84321234567'],
    ['01691234567', '+84391234567'],
    ['01861234567', '+84561234567'],
    ['01881234567', '+84581234567'],
    ['01991234567', '+84591234567'],
    ['+84 168 123 4567', '+84381234567'],
    ['841681234567', '+84381234567'],
    ['0084 1651234567', '+84351234567'],
  ])('converts the legacy 11-digit number %s to %s', (raw, e164) => {
    expect(normaliseVietnamesePhone(raw)).toEqual(ok(e164));
  });

  it('knows every 2018 prefix and maps each to a valid mobile prefix', () => {
    expect(Object.keys(LEGACY_MOBILE_PREFIXES)).toHaveLength(21);
    for (const [legacy, current] of Object.entries(LEGACY_MOBILE_PREFIXES)) {
      expect(normaliseVietnamesePhone(`0${legacy}1234567`)).toEqual(ok(`+84${current}1234567`));
    }
    expect(LEGACY_MOBILE_PREFIXES['162']).toBe('32');
    expect(LEGACY_MOBILE_PREFIXES['168']).toBe('38');
  });

  it.each([
    ['', 'required'],
    ['   ', 'required'],
    ['09123x5678', 'format'],
    ['091+2345678', 'format'],
    ['+1 415 555 0100', 'foreign'],
    ['0044 20 7946 0958', 'foreign'],
    ['024 3825 1234', 'landline'],
    ['02838221234', 'landline'],
    ['+84 28 3822 1234', 'landline'],
    ['091234567', 'too-short'],
    ['+84', 'too-short'],
    ['09123456789', 'too-long'],
    ['0612345678', 'invalid-prefix'],
    ['0412345678', 'invalid-prefix'],
    ['01301234567', 'invalid-prefix'],
    ['1900 1234 56', 'invalid-prefix'],
  ])('refuses %j with rule %s and a Vietnamese message', (raw, rule) => {
    const result = normaliseVietnamesePhone(raw);
    expect(result).toMatchObject({ ok: false, rule });
    expect(result.ok === false && result.message).toMatch(/[ốốịạểđ]|Số|số/);
  });

  it('gives distinct messages for landline, too short and too long', () => {
    const messages = ['0243 825 1234', '091234567', '09123456789'].map((raw) => {
      const r = normaliseVietnamesePhone(raw);
      return r.ok ? null : r.message;
    });
    expect(new Set(messages).size).toBe(3);
    expect(messages[0]).toContain('cố định');
  });
});
