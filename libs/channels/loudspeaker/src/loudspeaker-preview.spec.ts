import { loudspeakerWarnings, type LoudspeakerWarningFacts } from './loudspeaker-preview.js';

const base = (over: Partial<LoudspeakerWarningFacts>): LoudspeakerWarningFacts => ({
  priority: 'normal',
  timeZone: 'Asia/Ho_Chi_Minh',
  occurrences: [new Date('2026-12-04T02:00:00Z')],
  stations: 2,
  quietHours: null,
  stationsWithoutSlots: 0,
  ...over,
});

describe('loudspeakerWarnings', () => {
  it('counts every occurrence in quiet hours and names the first programme slot after them', () => {
    const occurrences = [new Date('2026-12-04T15:00:00Z'), new Date('2026-12-05T02:00:00Z'), new Date('2026-12-05T15:00:00Z')];
    expect(loudspeakerWarnings(base({ occurrences, quietHours: { start: '21:00', end: '05:00' } }))).toEqual([
      {
        code: 'quiet-hours',
        channel: 'loudspeaker',
        message: '2 lần phát (lần đầu lúc 22:00 04/12/2026) rơi vào giờ yên lặng 21:00–05:00: loa không phát trong giờ này, bản tin vào khung giờ phát đầu tiên từ 05:00 05/12/2026.',
      },
    ]);
  });

  it('names the stations without a programme slot, except for an emergency', () => {
    expect(loudspeakerWarnings(base({ stationsWithoutSlots: 1 }))).toEqual([
      { code: 'no-programme-slot', channel: 'loudspeaker', message: '1 cụm loa chưa có khung giờ phát: bản tin sẽ không phát ở đó cho đến khi có khung giờ.' },
    ]);
    expect(loudspeakerWarnings(base({ priority: 'emergency', stationsWithoutSlots: 1, quietHours: { start: '21:00', end: '05:00' }, occurrences: [new Date('2026-12-04T15:00:00Z')] }))).toEqual([]);
  });

  it('warns when no station is reached', () => {
    expect(loudspeakerWarnings(base({ stations: 0 }))).toEqual([{ code: 'no-recipients', channel: 'loudspeaker', message: 'Không có cụm loa nào trong các đơn vị, thôn đã chọn.' }]);
  });
});
