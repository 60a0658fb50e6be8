import { smsWarnings, type SmsWarningFacts } from './sms-preview.js';

const TZ = 'Asia/Ho_Chi_Minh';
const base = (over: Partial<SmsWarningFacts>): SmsWarningFacts => ({
  priority: 'normal',
  timeZone: TZ,
  occurrences: [new Date('2026-12-04T02:00:00Z')],
  recipients: 10,
  quietHours: null,
  capped: null,
  ...over,
});

describe('smsWarnings', () => {
  it('counts every occurrence in quiet hours and names when the first one goes', () => {
    const occurrences = [new Date('2026-12-04T15:00:00Z'), new Date('2026-12-05T02:00:00Z'), new Date('2026-12-05T15:00:00Z')];
    expect(smsWarnings(base({ recipients: 5, occurrences, quietHours: { start: '21:00', end: '07:00' } }))).toEqual([
      { code: 'quiet-hours', channel: 'sms', message: '2 lần phát (lần đầu lúc 22:00 04/12/2026) rơi vào giờ yên lặng 21:00–07:00: tin nhắn SMS sẽ chờ đến 07:00 05/12/2026.' },
    ]);
  });

  it('lets an emergency through quiet hours and the cap without warnings', () => {
    const facts = base({ priority: 'emergency', recipients: 1, occurrences: [new Date('2026-12-04T15:00:00Z')], quietHours: { start: '21:00', end: '07:00' }, capped: { count: 3, cap: 2, nextDay: new Date() } });
    expect(smsWarnings(facts)).toEqual([]);
  });

  it('says how many recipients reached the daily cap and when theirs goes', () => {
    const facts = base({ capped: { count: 3, cap: 2, nextDay: new Date('2026-12-05T00:00:00Z') } });
    expect(smsWarnings(facts)).toEqual([
      { code: 'daily-cap', channel: 'sms', message: '3 người nhận đã nhận đủ 2 tin SMS trong ngày: tin của họ sẽ gửi từ 07:00 05/12/2026.' },
    ]);
  });

  it('warns when nobody receives the SMS', () => {
    expect(smsWarnings(base({ recipients: 0 }))).toEqual([
      { code: 'no-recipients', channel: 'sms', message: 'Không có người nhận tin SMS nào (đang nhận tin) trong các đơn vị, thôn và nhóm đã chọn.' },
    ]);
  });
});
