import { publicMessageUrl } from '#domain/index.js';
import { SOCIAL_TEXT_MAX, socialMarker, socialText } from './social-text.js';

describe('social post text and marker', () => {
  it('uses the social rendition when there is one', () => {
    expect(socialText({ title: 'T', body: 'B', renditions: { social: '  Bài đăng mạng xã hội  ' } })).toBe('Bài đăng mạng xã hội');
  });

  it('falls back to title and body, trimmed', () => {
    expect(socialText({ title: ' Thông báo ', body: ' Nội dung \n', renditions: { social: '   ' } })).toBe('Thông báo\n\nNội dung');
  });

  it('caps very long texts with an ellipsis', () => {
    const text = socialText({ title: 'T', body: 'x'.repeat(SOCIAL_TEXT_MAX * 2), renditions: {} });
    expect(text).toHaveLength(SOCIAL_TEXT_MAX);
    expect(text.endsWith('…')).toBe(true);
  });

  it('derives a stable, short, URL-safe marker per delivery', () => {
    expect(socialMarker('42')).toBe(socialMarker('42'));
    expect(socialMarker('42')).not.toBe(socialMarker('43'));
    expect(socialMarker('42')).toMatch(/^tc[0-9a-f]{12}$/);
    expect(publicMessageUrl('https://x.vn', 'm1', socialMarker('42'))).toBe(`https://x.vn/public/messages/m1?m=${socialMarker('42')}`);
  });
});
