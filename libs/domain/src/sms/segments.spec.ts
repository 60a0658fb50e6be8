import { InvalidInputError } from '../errors.js';
import { gsmSeptets, isGsmText } from './gsm-charset.js';
import { assertMaxParts, estimateCost, smsBody, smsSegments } from './segments.js';
import { stripDiacritics } from './strip-diacritics.js';

describe('GSM-7 charset', () => {
  it('has the 127 printable basic characters and 10 extension characters', () => {
    const basic = [...Array(0x10000).keys()].map((c) => String.fromCharCode(c)).filter((c) => gsmSeptets(c) === 1);
    const ext = [...Array(0x10000).keys()].map((c) => String.fromCharCode(c)).filter((c) => gsmSeptets(c) === 2);
    expect(basic).toHaveLength(127);
    expect(ext.sort()).toEqual(['\f', '[', '\\', ']', '^', '{', '|', '}', '~', '€'].sort());
    expect(gsmSeptets('\u001b')).toBe(0);
  });

  it('treats Vietnamese letters outside GSM as UCS-2 but à/é inside it', () => {
    expect(isGsmText('là é ù')).toBe(true);
    expect(isGsmText('cải')).toBe(false);
    expect(isGsmText('đ')).toBe(false);
    expect(isGsmText('`')).toBe(false);
  });
});

describe('smsSegments', () => {
  it('counts an empty text as no part', () => {
    expect(smsSegments('')).toEqual({
      encoding: 'GSM-7',
      characters: 0,
      units: 0,
      parts: 0,
      perPart: 160,
      remainingInPart: 160,
    });
  });

  it.each([
    [1, 1, 160, 159],
    [160, 1, 160, 0],
    [161, 2, 153, 145],
    [306, 2, 153, 0],
    [307, 3, 153, 152],
    [459, 3, 153, 0],
  ])('GSM-7 text of %i characters takes %i part(s)', (length, parts, perPart, remainingInPart) => {
    expect(smsSegments('a'.repeat(length))).toMatchObject({ encoding: 'GSM-7', parts, perPart, remainingInPart });
  });

  it('counts extension characters as two septets', () => {
    const s = smsSegments('€'.repeat(80));
    expect(s).toMatchObject({ encoding: 'GSM-7', characters: 80, units: 160, parts: 1, remainingInPart: 0 });
    expect(smsSegments('€'.repeat(80) + 'a')).toMatchObject({ units: 161, parts: 2 });
  });

  it('never splits an escape pair across parts', () => {
    // 152 basic septets then an extension char: 154 > 153, so the pair opens part two.
    const text = 'a'.repeat(152) + '€' + 'b'.repeat(10);
    const s = smsSegments(text);
    expect(s).toMatchObject({ units: 164, parts: 2, remainingInPart: 153 - 12 });
    // 306 septets would fill exactly two parts, but the pair cannot straddle them: three parts.
    const straddling = 'a'.repeat(152) + '€' + 'a'.repeat(152);
    expect(smsSegments(straddling)).toMatchObject({ units: 306, parts: 3 });
  });

  it('switches to UCS-2 for Vietnamese diacritics: 70 single, 67 per part', () => {
    expect(smsSegments('Cải cách hành chính')).toMatchObject({ encoding: 'UCS-2', characters: 19, parts: 1, perPart: 70 });
    expect(smsSegments('ả'.repeat(70))).toMatchObject({ parts: 1, remainingInPart: 0 });
    expect(smsSegments('ả'.repeat(71))).toMatchObject({ parts: 2, perPart: 67, remainingInPart: 63 });
    expect(smsSegments('ả'.repeat(134))).toMatchObject({ parts: 2, remainingInPart: 0 });
    expect(smsSegments('ả'.repeat(135))).toMatchObject({ parts: 3 });
  });

  it('counts surrogate pairs as two code units and never splits them', () => {
    expect(smsSegments('😀')).toMatchObject({ encoding: 'UCS-2', characters: 1, units: 2, parts: 1 });
    const text = 'ả'.repeat(66) + '😀' + 'ả';
    expect(smsSegments(text)).toMatchObject({ characters: 68, units: 69, parts: 1 });
    const long = 'ả'.repeat(66) + '😀' + 'ả'.repeat(10);
    expect(smsSegments(long)).toMatchObject({ units: 78, parts: 2, remainingInPart: 67 - 12 });
    const straddling = 'ả'.repeat(66) + '😀' + 'ả'.repeat(66);
    expect(smsSegments(straddling)).toMatchObject({ units: 134, parts: 3 });
  });

  it('counts what is sent: a decomposed "à" is normalised by smsBody', () => {
    const nfd = 'là'.normalize('NFD');
    expect(smsSegments(nfd).encoding).toBe('UCS-2');
    expect(smsSegments(smsBody(nfd, false))).toMatchObject({ encoding: 'GSM-7', characters: 2 });
  });
});

describe('stripDiacritics', () => {
  it('transliterates Vietnamese keeping case', () => {
    expect(stripDiacritics('Cải cách hành chính Đắk Lắk')).toEqual({ text: 'Cai cach hanh chinh Dak Lak', replaced: [] });
    expect(stripDiacritics('ĐƯỜNG Ở ĐÂY, Người dân').text).toBe('DUONG O DAY, Nguoi dan');
    expect(stripDiacritics('Thừa Thiên Huế, Bà Rịa – Vũng Tàu').text).toBe('Thua Thien Hue, Ba Ria - Vung Tau');
  });

  it('handles decomposed input and the eth look-alike of Đ', () => {
    expect(stripDiacritics('Hồ Chí Minh'.normalize('NFD')).text).toBe('Ho Chi Minh');
    expect(stripDiacritics('Ðồng Tháp').text).toBe('Dong Thap');
  });

  it('maps typographic punctuation to ASCII', () => {
    expect(stripDiacritics('“Một cửa” – ‘liên thông’… 100.000₫\u00a0nhé').text).toBe(
      '"Mot cua" - \'lien thong\'... 100.000d nhe',
    );
  });

  it('replaces anything else by "?" and reports each character once', () => {
    expect(stripDiacritics('Nhiệt độ 39°C ☔ ☔ 😀')).toEqual({ text: 'Nhiet do 39?C ? ? ?', replaced: ['°', '☔', '😀'] });
  });

  it('produces GSM-7 text', () => {
    const { text } = stripDiacritics('Ủy ban nhân dân xã Tân Hòa thông báo: {lịch} [tiếp dân] €');
    expect(isGsmText(text)).toBe(true);
    expect(smsSegments(text).encoding).toBe('GSM-7');
  });
});

describe('assertMaxParts', () => {
  const vietnamese = 'Ủy ban nhân dân xã thông báo lịch tiếp công dân định kỳ vào thứ Hai hằng tuần. '.repeat(3);

  it('returns the segments when the message fits', () => {
    expect(assertMaxParts(vietnamese, 4, false)).toMatchObject({ encoding: 'UCS-2', units: 237, parts: 4 });
    expect(assertMaxParts(vietnamese, 4, true)).toMatchObject({ encoding: 'GSM-7', units: 237, parts: 2 });
  });

  it('refuses with a Vietnamese message naming the field sms and the count', () => {
    let error: unknown;
    try {
      assertMaxParts(vietnamese, 2, false);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    const details = (error as InvalidInputError).details;
    expect(details).toHaveLength(1);
    expect(details[0]).toMatchObject({ field: 'sms', rule: 'max-parts' });
    expect(details[0]!.message).toContain('4 phần (UCS-2, 237 ký tự)');
    expect(details[0]!.message).toContain('giới hạn 2 phần');
    expect(details[0]!.message).toContain('không dấu (chỉ cần 2 phần)');
  });

  it('only suggests "không dấu" when it would fit', () => {
    expect(() => assertMaxParts(vietnamese, 1, false)).toThrow(/Hãy rút gọn nội dung\.$/);
    expect(() => assertMaxParts('a'.repeat(200), 1, true)).toThrow(/2 phần \(GSM-7, 200 ký tự\)/);
  });
});

describe('estimateCost', () => {
  it('multiplies parts, recipients and price without float noise', () => {
    expect(estimateCost(2, 1_000, 0.0079)).toBe(15.8);
    expect(estimateCost(3, 12_345, 850)).toBe(31_479_750);
    expect(estimateCost(0, 10, 1)).toBe(0);
  });

  it('refuses negative or fractional counts', () => {
    expect(() => estimateCost(-1, 1, 1)).toThrow(RangeError);
    expect(() => estimateCost(1, 1.5, 1)).toThrow(RangeError);
    expect(() => estimateCost(1, 1, -0.1)).toThrow(RangeError);
  });
});
