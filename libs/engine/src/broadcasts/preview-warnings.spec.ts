import { previewWarnings, type WarningFacts } from './preview-warnings.js';

const TZ = 'Asia/Ho_Chi_Minh';
const base = (over: Partial<WarningFacts>): WarningFacts => ({
  channels: ['sms'],
  priority: 'normal',
  timeZone: TZ,
  occurrences: [new Date('2026-12-04T02:00:00Z')],
  recipients: { sms: 10 },
  quietHours: {},
  capped: null,
  stationsWithoutSlots: 0,
  hasSocialRendition: true,
  ...over,
});

describe('previewWarnings', () => {
  it('counts every occurrence in quiet hours and names when the first one goes', () => {
    const occurrences = [new Date('2026-12-04T15:00:00Z'), new Date('2026-12-05T02:00:00Z'), new Date('2026-12-05T15:00:00Z')];
    const warnings = previewWarnings(base({ channels: ['sms', 'loudspeaker'], recipients: { sms: 5, loudspeaker: 2 }, occurrences, quietHours: { sms: { start: '21:00', end: '07:00' }, loudspeaker: { start: '21:00', end: '05:00' } } }));
    expect(warnings).toEqual([
      { code: 'quiet-hours', channel: 'sms', message: '2 lần phát (lần đầu lúc 22:00 04/12/2026) rơi vào giờ yên lặng 21:00–07:00: tin nhắn SMS sẽ chờ đến 07:00 05/12/2026.' },
      {
        code: 'quiet-hours',
        channel: 'loudspeaker',
        message: '2 lần phát (lần đầu lúc 22:00 04/12/2026) rơi vào giờ yên lặng 21:00–05:00: loa không phát trong giờ này, bản tin vào khung giờ phát đầu tiên từ 05:00 05/12/2026.',
      },
    ]);
  });

  it('lets an emergency through quiet hours, the cap and missing slots without warnings', () => {
    expect(
      previewWarnings(base({ priority: 'emergency', channels: ['sms', 'loudspeaker'], recipients: { sms: 1, loudspeaker: 1 }, occurrences: [new Date('2026-12-04T15:00:00Z')], quietHours: { sms: { start: '21:00', end: '07:00' } }, capped: { count: 3, cap: 2, nextDay: new Date() }, stationsWithoutSlots: 1 })),
    ).toEqual([]);
  });

  it('warns of a channel nobody receives and of social posts without their own text', () => {
    expect(previewWarnings(base({ channels: ['board', 'zalo'], recipients: { board: 0, zalo: 1 }, hasSocialRendition: false }))).toEqual([
      { code: 'no-recipients', channel: 'board', message: 'Không có bảng tin điện tử nào trong các đơn vị, thôn đã chọn.' },
      { code: 'no-rendition', channel: 'zalo', message: 'Tin bài chưa có nội dung riêng cho mạng xã hội: bài đăng Zalo OA sẽ dùng tiêu đề và nội dung chính.' },
    ]);
  });
});
