import { noRecipientsWarning, quietHoursWarning, sortWarnings } from './preview-warnings.js';

const TZ = 'Asia/Ho_Chi_Minh';
const quiet = { start: '21:00', end: '07:00' };

describe('preview warnings shared by the channels', () => {
  it('counts every occurrence in quiet hours and names when the first one goes', () => {
    const occurrences = [new Date('2026-12-04T15:00:00Z'), new Date('2026-12-05T02:00:00Z'), new Date('2026-12-05T15:00:00Z')];
    expect(quietHoursWarning({ channel: 'sms', priority: 'normal', quiet, occurrences, timeZone: TZ }, () => 'tin nhắn SMS sẽ chờ')).toEqual([
      { code: 'quiet-hours', channel: 'sms', message: '2 lần phát (lần đầu lúc 22:00 04/12/2026) rơi vào giờ yên lặng 21:00–07:00: tin nhắn SMS sẽ chờ.' },
    ]);
  });

  it('lets an emergency through quiet hours without a warning', () => {
    expect(quietHoursWarning({ channel: 'sms', priority: 'emergency', quiet, occurrences: [new Date('2026-12-04T15:00:00Z')], timeZone: TZ }, () => 'x')).toEqual([]);
  });

  it('warns of a channel nobody receives, and of nothing else', () => {
    expect(noRecipientsWarning('board', 0, 'Không có bảng tin')).toEqual([{ code: 'no-recipients', channel: 'board', message: 'Không có bảng tin.' }]);
    expect(noRecipientsWarning('board', 3, 'Không có bảng tin')).toEqual([]);
  });

  it('reads who gets nothing first, then what waits, channels in the order picked', () => {
    const w = (code: 'no-recipients' | 'quiet-hours' | 'no-rendition', channel: string) => ({ code, channel, message: '' });
    expect(sortWarnings([w('no-rendition', 'zalo'), w('quiet-hours', 'loudspeaker'), w('quiet-hours', 'sms'), w('no-recipients', 'board')], ['board', 'sms', 'loudspeaker', 'zalo'])).toEqual([
      w('no-recipients', 'board'),
      w('quiet-hours', 'sms'),
      w('quiet-hours', 'loudspeaker'),
      w('no-rendition', 'zalo'),
    ]);
  });
});
