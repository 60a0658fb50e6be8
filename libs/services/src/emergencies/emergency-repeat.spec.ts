import { smsSegments } from '#domain/index.js';
import { emergencyRenditions } from './emergency-renditions.js';
import { emergencySchedule, issuedAtText, repeatProblems, withFirstIssue } from './emergency-repeat.js';

const TZ = 'Asia/Ho_Chi_Minh';
// 14:05 on 3 December 2026 in Hà Nội.
const FIRST = new Date('2026-12-03T07:05:30Z');

describe('emergency repeat', () => {
  it('accepts whole hours from one to twenty-four, ending within a week after the first repetition', () => {
    expect(repeatProblems({ everyMinutes: 120 }, FIRST)).toBeNull();
    expect(repeatProblems({ everyMinutes: 1440, until: '2026-12-09T00:00:00Z' }, FIRST)).toBeNull();
    const fields = (every: number, until?: string) => repeatProblems({ everyMinutes: every, until }, FIRST)?.details.map((d) => `${d.field}:${d.rule}`);
    expect(fields(90)).toEqual(['repeat.everyMinutes:range']);
    expect(fields(30)).toEqual(['repeat.everyMinutes:range']);
    expect(fields(1500)).toEqual(['repeat.everyMinutes:range']);
    expect(fields(60, 'ngày mai')).toEqual(['repeat.until:date']);
    expect(fields(120, '2026-12-03T08:00:00Z')).toEqual(['repeat.until:after-first']);
    expect(fields(120, '2026-12-11T00:00:00Z')).toEqual(['repeat.until:max']);
  });

  it('is a recurring schedule on the local wall clock from the first issue, ending at until or after a week', () => {
    expect(emergencySchedule(null, FIRST, TZ)).toEqual({ kind: 'once', at: FIRST.toISOString() });
    expect(emergencySchedule({ everyMinutes: 180 }, FIRST, TZ)).toEqual({
      kind: 'recurring',
      rrule: 'FREQ=HOURLY;INTERVAL=3',
      startsAt: '2026-12-03T14:05:30',
      until: '2026-12-10T07:05:30.000Z',
    });
    expect(emergencySchedule({ everyMinutes: 60, until: '2026-12-04T00:00:00Z' }, FIRST, TZ)).toEqual(expect.objectContaining({ until: '2026-12-04T00:00:00.000Z' }));
  });

  it('restates the first issue in every rendition, before the SMS text so shortening keeps it', () => {
    expect(issuedAtText(FIRST, TZ)).toBe('14:05 ngày 03/12/2026');
    const r = withFirstIssue(emergencyRenditions('Bão số 3', 'Chằng chống nhà cửa.', 3), FIRST, TZ, 3);
    expect(r.sms).toBe('KHẨN CẤP (Tin phát lần đầu lúc 14:05 ngày 03/12/2026) - Bão số 3: Chằng chống nhà cửa.');
    expect(r.loudspeaker).toBe('Thông báo khẩn cấp. Bão số 3. Chằng chống nhà cửa. Tin phát lần đầu lúc 14 giờ 5 phút ngày 3 tháng 12 năm 2026.');
    expect(r.social.endsWith('\n\nTin phát lần đầu lúc 14:05 ngày 03/12/2026.')).toBe(true);
    expect(r.board).toEqual({ title: 'Bão số 3', body: 'Chằng chống nhà cửa.\nTin phát lần đầu lúc 14:05 ngày 03/12/2026.' });

    const long = withFirstIssue(emergencyRenditions('Bão số 3', 'Gió giật cấp 12, mưa rất to. '.repeat(30), 2), FIRST, TZ, 2);
    expect(smsSegments(long.sms).parts).toBeLessThanOrEqual(2);
    expect(long.sms.startsWith('KHẨN CẤP (Tin phát lần đầu lúc 14:05 ngày 03/12/2026) - Bão số 3: Gió giật')).toBe(true);
    expect([...long.board.body].length).toBeLessThanOrEqual(1000);
    expect(long.board.body.endsWith('Tin phát lần đầu lúc 14:05 ngày 03/12/2026.')).toBe(true);
  });
});
