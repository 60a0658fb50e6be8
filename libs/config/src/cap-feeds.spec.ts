import { capFeeds } from './cap-feeds.js';

describe('CAP_FEEDS', () => {
  it('reads entries separated by white space: URL, unit code (2025 list or pre2025:), optional trusted', () => {
    expect(capFeeds()('')).toEqual([]);
    expect(capFeeds()('https://kttv.example.vn/cap.atom|22|trusted\n http://a.example/f?x=1,2|pre2025:030')).toEqual([
      { url: 'https://kttv.example.vn/cap.atom', unit: { source: 'vn-2025', code: '22' }, trusted: true },
      { url: 'http://a.example/f?x=1,2', unit: { source: 'vn-pre2025', code: '030' }, trusted: false },
    ]);
  });

  it.each([
    ['ftp://a.example/f|22', /http or https/],
    ['kttv|22', /URL/],
    ['https://a.example/f', /code of the unit/],
    ['https://a.example/f|2222', /code of the unit/],
    ['https://a.example/f|22|yes', /trusted/],
  ])('refuses %s', (raw, rule) => {
    expect(() => capFeeds()(raw)).toThrow(rule);
  });
});
