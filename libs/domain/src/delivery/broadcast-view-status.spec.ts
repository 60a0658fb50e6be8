import { broadcastStatusNote, broadcastViewStatus, type BroadcastStatusFacts } from './broadcast-view-status.js';

const TZ = 'Asia/Ho_Chi_Minh';
const facts = (over: Partial<BroadcastStatusFacts>): BroadcastStatusFacts => ({ stored: 'running', held: null, deferred: null, timeZone: TZ, ...over });

describe('broadcast status as officers read it', () => {
  it('reads held only while the broadcast is live', () => {
    const held = { dueAt: new Date('2026-12-04T00:00:00Z'), note: null };
    expect(broadcastViewStatus(facts({ stored: 'scheduled', held }))).toBe('held');
    expect(broadcastViewStatus(facts({ stored: 'running', held }))).toBe('held');
    expect(broadcastViewStatus(facts({ stored: 'cancelled', held }))).toBe('cancelled');
    expect(broadcastViewStatus(facts({ stored: 'failed' }))).toBe('failed');
  });

  it('explains a held occurrence at its local time', () => {
    const note = broadcastStatusNote(facts({ held: { dueAt: new Date('2026-12-04T00:00:00Z'), note: 'tin bài có phiên bản mới đang chờ duyệt' } }));
    expect(note).toBe('Lần phát lúc 07:00 04/12/2026 đang tạm giữ: tin bài có phiên bản mới đang chờ duyệt. Lượt phát tiếp tục khi tin bài được duyệt lại.');
  });

  it('explains SMS waiting for quiet hours, the daily cap or a retry, with the earliest time', () => {
    const deferred = { quietHours: 3, dailyCap: 2, retrying: 1, until: new Date('2026-12-04T00:00:00Z') };
    expect(broadcastStatusNote(facts({ deferred }))).toBe(
      '2 tin nhắn SMS chờ sang ngày hôm sau vì người nhận đã đủ số tin tối đa trong ngày; 3 tin nhắn SMS chờ hết giờ yên lặng; 1 tin nhắn SMS chờ gửi lại sau lỗi tạm thời. Tin sớm nhất sẽ gửi lúc 07:00 04/12/2026.',
    );
    expect(broadcastStatusNote(facts({}))).toBeNull();
    expect(broadcastStatusNote(facts({ stored: 'completed' }))).toBeNull();
  });
});
