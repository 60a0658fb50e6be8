import { cellText } from './xlsx-import-source.js';

describe('cellText: an Excel cell as the officer sees it', () => {
  it('keeps every digit of a number and the text of rich, linked and computed cells', () => {
    expect(cellText(912345678)).toBe('912345678');
    expect(cellText(84912345678)).toBe('84912345678');
    expect(cellText({ richText: [{ text: 'Nguyễn ' }, { text: 'Văn An' }] })).toBe('Nguyễn Văn An');
    expect(cellText({ text: 'Thôn Đông', hyperlink: 'https://example.vn' })).toBe('Thôn Đông');
    expect(cellText({ formula: 'A1&B1', result: 'hộ nghèo' })).toBe('hộ nghèo');
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
  });

  it('writes dates as the wall-clock time Excel shows, without an offset', () => {
    expect(cellText(new Date(Date.UTC(2024, 2, 15, 8, 30)))).toBe('2024-03-15 08:30');
    expect(cellText(new Date(Date.UTC(2024, 2, 15)))).toBe('2024-03-15');
  });
});
