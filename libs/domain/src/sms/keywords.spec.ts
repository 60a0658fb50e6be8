import { parseKeyword } from './keywords.js';

describe('parseKeyword', () => {
  it.each([
    'STOP',
    'stop',
    ' Stop ',
    'STOP.',
    'stop!!',
    'HUY',
    'huy',
    'HỦY',
    'hủy',
    'Hủy.',
    'TU CHOI',
    'tu   choi',
    'TỪ CHỐI',
    'từ chối!',
    'TUCHOI',
    'HUY DK',
    'Hủy đăng ký',
    'UNSUBSCRIBE',
    '"STOP"',
    'HỦY'.normalize('NFD'),
  ])('reads %j as opt-out', (body) => {
    expect(parseKeyword(body)).toBe('opt-out');
  });

  it.each(['START', 'start', 'DK', 'dk', 'ĐK', 'đk.', 'DANG KY', 'Đăng ký', 'đăng  ký!', 'UNSTOP'])(
    'reads %j as opt-in',
    (body) => {
      expect(parseKeyword(body)).toBe('opt-in');
    },
  );

  it.each([
    '',
    '   ',
    'tôi không muốn hủy',
    'STOP sending me this',
    'Đừng dừng lại',
    'cảm ơn',
    'DK HUY',
    'HUYY',
    'stopp',
    'constructor',
    'toString',
  ])('ignores %j (the message must be the keyword)', (body) => {
    expect(parseKeyword(body)).toBeNull();
  });

  it('ignores missing bodies', () => {
    expect(parseKeyword(null)).toBeNull();
    expect(parseKeyword(undefined)).toBeNull();
  });
});
