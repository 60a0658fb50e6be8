import fc from 'fast-check';
import { wallTimeFromFloating, wallTimeOf, zonedWallTimeToUtc } from '../schedule/zoned-time.js';
import { expandSlots, type WeeklySlot } from './weekly-slot.js';

const DAY_MS = 86_400_000;
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** Every airing converted on its own, wall time by wall time: what the fast path must equal. */
function reference(slots: WeeklySlot[], from: Date, to: Date, zone: string) {
  const first = wallTimeOf(new Date(from.getTime() - DAY_MS), zone);
  const out: { slotId: string; start: number; end: number }[] = [];
  for (let day = Date.UTC(first.year, first.month - 1, first.day); day <= to.getTime() + DAY_MS; day += DAY_MS) {
    const dow = ((new Date(day).getUTCDay() + 6) % 7) + 1;
    for (const slot of slots.filter((s) => s.daysOfWeek.includes(dow))) {
      const s = minutes(slot.startTime);
      const e = minutes(slot.endTime);
      const startFloating = day + s * 60_000;
      const start = zonedWallTimeToUtc(wallTimeFromFloating(startFloating), zone).getTime();
      if (start < from.getTime() || start >= to.getTime()) continue;
      const end = zonedWallTimeToUtc(wallTimeFromFloating(startFloating + (e > s ? e - s : e + 1440 - s) * 60_000), zone).getTime();
      out.push({ slotId: slot.id, start, end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const slot = fc.record({ id: fc.uuid(), label: fc.constant('Khung giờ'), daysOfWeek: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }), startTime: time, endTime: time, validFrom: fc.constant(null), validUntil: fc.constant(null) });

describe('expandSlots', () => {
  it('gives the airings a wall-time-by-wall-time conversion gives, across daylight-saving changes too', () => {
    fc.assert(
      fc.property(
        fc.array(slot, { minLength: 1, maxLength: 3 }).filter((ss) => ss.every((s) => s.startTime !== s.endTime)),
        // Weeks around New York's and London's 2026 changes, and ordinary ones.
        fc.constantFrom(Date.UTC(2026, 2, 5), Date.UTC(2026, 2, 26), Date.UTC(2026, 9, 22), Date.UTC(2026, 10, 29), Date.UTC(2026, 5, 1)),
        fc.integer({ min: 0, max: 86_399 }),
        fc.constantFrom('America/New_York', 'Europe/London', 'Asia/Ho_Chi_Minh', 'Australia/Lord_Howe'),
        (slots, base, secondOffset, zone) => {
          const from = new Date(base + secondOffset * 1000);
          const to = new Date(from.getTime() + 7 * DAY_MS);
          const fast = expandSlots(slots, from, to, zone).map((w) => ({ slotId: w.slotId, start: w.start.getTime(), end: w.end.getTime() }));
          expect(fast).toEqual(reference(slots, from, to, zone));
        },
      ),
      { numRuns: 300 },
    );
  });
});
