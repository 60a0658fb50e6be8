import { smsSegments } from '#domain/index.js';
import { emergencyRenditions, shortenToLength, shortenToParts, smsPartTexts } from './emergency-renditions.js';

const LONG_VI = 'Bão số 3 đang tiến vào đất liền, gió giật cấp 12. '.repeat(20).trim();

describe('emergencyRenditions', () => {
  it('derives every channel from the title and the text', () => {
    const r = emergencyRenditions('Lũ quét', 'Người dân thôn Nà Pò sơ tán ngay lên nhà văn hóa.', 3);
    expect(r.sms).toBe('KHẨN CẤP - Lũ quét: Người dân thôn Nà Pò sơ tán ngay lên nhà văn hóa.');
    expect(r.loudspeaker).toBe('Thông báo khẩn cấp. Lũ quét. Người dân thôn Nà Pò sơ tán ngay lên nhà văn hóa.');
    expect(r.social).toBe('[KHẨN CẤP] Lũ quét\n\nNgười dân thôn Nà Pò sơ tán ngay lên nhà văn hóa.');
    expect(r.board).toEqual({ title: 'Lũ quét', body: 'Người dân thôn Nà Pò sơ tán ngay lên nhà văn hóa.' });
  });

  it('keeps what the supervisor wrote for a channel', () => {
    const r = emergencyRenditions('Cháy rừng', 'Cháy rừng tại tiểu khu 12.', 3, { sms: 'CHAY RUNG tieu khu 12', board: { title: 'Cháy', body: 'Tiểu khu 12' } });
    expect(r.sms).toBe('CHAY RUNG tieu khu 12');
    expect(r.board).toEqual({ title: 'Cháy', body: 'Tiểu khu 12' });
    expect(r.loudspeaker).toContain('Cháy rừng tại tiểu khu 12.');
  });

  it('shortens a long SMS at a word to the parts allowed', () => {
    const r = emergencyRenditions('Bão số 3', LONG_VI, 3);
    const segments = smsSegments(r.sms);
    expect(segments.parts).toBe(3);
    expect(r.sms.endsWith('...')).toBe(true);
    expect(LONG_VI).toContain(r.sms.slice('KHẨN CẤP - Bão số 3: '.length, -3));
    expect(r.sms.length).toBeLessThan(3 * 67 + 1);
    // The word after the cut would not have fitted.
    const next = LONG_VI.slice(r.sms.length - 3 - 'KHẨN CẤP - Bão số 3: '.length).trimStart().split(' ')[0];
    expect(smsSegments(`${r.sms.slice(0, -3)} ${next}...`).parts).toBeGreaterThan(3);
  });
});

describe('shortening', () => {
  it('leaves text that fits as it is', () => {
    expect(shortenToParts('Sơ tán ngay', 1)).toBe('Sơ tán ngay');
    expect(shortenToLength('abc def', 7)).toBe('abc def');
  });

  it('cuts a single word longer than the room by characters', () => {
    expect(shortenToLength('x'.repeat(20), 10)).toBe(`${'x'.repeat(7)}...`);
  });

  it('drops trailing punctuation before the ellipsis', () => {
    expect(shortenToLength('Sơ tán ngay, lên đồi cao', 15)).toBe('Sơ tán ngay...');
  });
});

describe('smsPartTexts', () => {
  it('is the text itself when it fits one SMS', () => {
    expect(smsPartTexts('Sơ tán ngay')).toEqual(['Sơ tán ngay']);
    expect(smsPartTexts('')).toEqual([]);
  });

  it('cuts UCS-2 text into parts of 67 characters', () => {
    const text = 'ă'.repeat(150);
    expect(smsPartTexts(text).map((p) => p.length)).toEqual([67, 67, 16]);
  });

  it('cuts GSM-7 text into parts of 153 septets, an escape never split', () => {
    const text = `${'a'.repeat(152)}[${'b'.repeat(10)}`;
    const parts = smsPartTexts(text);
    expect(parts).toEqual(['a'.repeat(152), `[${'b'.repeat(10)}`]);
    expect(parts.join('')).toBe(text);
  });
});
