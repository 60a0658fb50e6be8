import { cleanFileName, cleanText, hasControlCharacter } from './clean-text.js';

describe('cleanText', () => {
  it('composes to NFC and keeps single spaces between words only', () => {
    const decomposed = ' Tho\u0302n  \u0110o\u0302ng\t\n'.normalize('NFD');
    expect(cleanText(decomposed)).toBe('Thôn Đông'.normalize('NFC'));
    expect(cleanText('   ')).toBe('');
  });
});

describe('cleanFileName', () => {
  it('keeps the last path segment in NFC, without control characters or surrounding blanks', () => {
    expect(cleanFileName('C:\\Users\\cb\\Thông báo.pdf'.normalize('NFD'), 'x')).toBe('Thông báo.pdf'.normalize('NFC'));
    expect(cleanFileName('../../etc/ danh\u0000sach\u001f\u007f.csv ', 'x')).toBe('danhsach.csv');
  });

  it('caps the name at 255 characters', () => {
    expect(cleanFileName(`${'a'.repeat(300)}.mp3`, 'x')).toBe('a'.repeat(255));
  });

  it('uses the fallback when nothing is left', () => {
    expect(cleanFileName('', 'tep-dinh-kem')).toBe('tep-dinh-kem');
    expect(cleanFileName('uploads/ \u0007 ', 'subscribers.csv')).toBe('subscribers.csv');
    expect(cleanFileName('folder/', 'subscribers.csv')).toBe('subscribers.csv');
  });
});

describe('hasControlCharacter', () => {
  it('finds NUL, escape and DEL but lets tab and line breaks through', () => {
    expect(['a\u0000b', '\u001b[31m', 'x\u007f', '\u000c'].map(hasControlCharacter)).toEqual([true, true, true, true]);
    expect(['Thôn Đông\tấp 2\r\nxã', '', 'ăâđêôơư'].map(hasControlCharacter)).toEqual([false, false, false]);
  });
});
