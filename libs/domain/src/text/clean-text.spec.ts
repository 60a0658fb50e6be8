import { cleanText } from './clean-text.js';

describe('cleanText', () => {
  it('composes to NFC and keeps single spaces between words only', () => {
    const decomposed = ' Tho\u0302n  \u0110o\u0302ng\t\n'.normalize('NFD');
    expect(cleanText(decomposed)).toBe('Thôn Đông'.normalize('NFC'));
    expect(cleanText('   ')).toBe('');
  });
});
