import { placeItem, type WindowLoad } from './placement.js';
import { expandSlots, findClash, localDayBounds, slotsOverlap, validateSlot, type WeeklySlot } from './weekly-slot.js';

const TZ = 'Asia/Ho_Chi_Minh';
const MIN = 60_000;

function slot(id: string, startTime: string, endTime: string, extra: Partial<WeeklySlot> = {}): WeeklySlot {
  return { id, label: id, daysOfWeek: [1, 2, 3, 4, 5, 6, 7], startTime, endTime, validFrom: null, validUntil: null, ...extra };
}

function loads(slots: WeeklySlot[], from: string, to: string): WindowLoad[] {
  return expandSlots(slots, new Date(from), new Date(to), TZ).map((w) => ({ ...w, usedMs: 0, priorityUsedMs: 0 }));
}

describe('weekly slots', () => {
  it('expands a daily slot into local airings (Vietnam is UTC+7)', () => {
    const windows = expandSlots([slot('morning', '06:00', '06:30')], new Date('2026-11-23T00:00:00Z'), new Date('2026-11-25T00:00:00Z'), TZ);
    expect(windows.map((w) => w.start.toISOString())).toEqual(['2026-11-23T23:00:00.000Z', '2026-11-24T23:00:00.000Z']);
    expect(windows[0].capacityMs).toBe(30 * MIN);
  });

  it('handles slots spanning midnight: the airing starts on its day and ends on the next', () => {
    const [w] = expandSlots([slot('night', '23:30', '00:15', { daysOfWeek: [1] })], new Date('2026-11-23T00:00:00Z'), new Date('2026-11-30T00:00:00Z'), TZ);
    expect(w.start.toISOString()).toBe('2026-11-23T16:30:00.000Z');
    expect(w.end.toISOString()).toBe('2026-11-23T17:15:00.000Z');
    expect(w.capacityMs).toBe(45 * MIN);
  });

  it('honours days of week and the date range', () => {
    const weekly = slot('mon-wed', '17:00', '17:30', { daysOfWeek: [1, 3], validFrom: '2026-11-25', validUntil: '2026-12-02' });
    const windows = expandSlots([weekly], new Date('2026-11-20T00:00:00Z'), new Date('2026-12-10T00:00:00Z'), TZ);
    // 25 Nov is a Wednesday, 30 Nov a Monday, 2 Dec a Wednesday; 7 and 9 Dec are past the range.
    expect(windows.map((w) => w.start.toISOString().slice(0, 10))).toEqual(['2026-11-25', '2026-11-30', '2026-12-02']);
  });

  it('detects overlaps, including across midnight, and ignores disjoint date ranges', () => {
    const night = slot('night', '23:00', '01:00', { daysOfWeek: [7] });
    expect(slotsOverlap(night, slot('early', '00:30', '01:30', { daysOfWeek: [1] }))).toBe(true);
    expect(slotsOverlap(night, slot('later', '01:00', '02:00', { daysOfWeek: [1] }))).toBe(false);
    expect(slotsOverlap(slot('a', '06:00', '07:00', { validUntil: '2026-11-30' }), slot('b', '06:30', '07:30', { validFrom: '2026-12-01' }))).toBe(false);
    const clash = findClash(slot('new', '06:15', '06:45'), [slot('evening', '17:00', '18:00'), slot('morning', '06:00', '06:30')]);
    expect(clash?.id).toBe('morning');
  });

  it('refuses malformed slots with a field-level message', () => {
    const problems = validateSlot({ label: 'x', daysOfWeek: [0, 8], startTime: '25:00', endTime: '06:00', validFrom: '2026-12-01', validUntil: '2026-11-01' });
    expect(problems.map((p) => p.rule).sort()).toEqual(['days', 'range', 'time']);
  });

  it('computes local day bounds', () => {
    const { from, to } = localDayBounds('2026-11-23', TZ);
    expect([from.toISOString(), to.toISOString()]).toEqual(['2026-11-22T17:00:00.000Z', '2026-11-23T17:00:00.000Z']);
  });
});

describe('placement', () => {
  const slots = [slot('morning', '06:00', '06:10'), slot('evening', '17:00', '17:10')];
  const windows = loads(slots, '2026-11-23T00:00:00Z', '2026-11-30T00:00:00Z');
  const dueAt = new Date('2026-11-23T02:00:00Z'); // 09:00 local, after the morning airing
  const windowEnd = new Date(dueAt.getTime() + 7 * 86_400_000);

  it('puts a normal item in the first airing of its window with room left', () => {
    const placement = placeItem({ priority: 'normal', durationMs: 2 * MIN, dueAt, windowEnd }, windows);
    expect(placement).toEqual({ kind: 'slot', slotId: 'evening', start: new Date('2026-11-23T10:00:00Z') });
  });

  it('moves a normal item to the next airing when the slot is full', () => {
    const full = windows.map((w, i) => (i === 0 ? { ...w, usedMs: 9 * MIN } : w));
    const placement = placeItem({ priority: 'normal', durationMs: 2 * MIN, dueAt, windowEnd }, full);
    expect(placement).toEqual({ kind: 'slot', slotId: 'morning', start: new Date('2026-11-23T23:00:00Z') });
  });

  it('puts a priority item in the next airing ahead of normal items that fill it', () => {
    const busy = windows.map((w) => ({ ...w, usedMs: w.capacityMs }));
    const placement = placeItem({ priority: 'priority', durationMs: 2 * MIN, dueAt, windowEnd }, busy);
    expect(placement).toEqual({ kind: 'slot', slotId: 'evening', start: new Date('2026-11-23T10:00:00Z') });
    const priorityFull = busy.map((w, i) => (i === 0 ? { ...w, priorityUsedMs: w.capacityMs } : w));
    expect(placeItem({ priority: 'priority', durationMs: 2 * MIN, dueAt, windowEnd }, priorityFull)).toEqual(
      expect.objectContaining({ slotId: 'morning' }),
    );
  });

  it('interrupts now for emergency, whatever the slots', () => {
    expect(placeItem({ priority: 'emergency', durationMs: 30 * MIN, dueAt, windowEnd }, [])).toEqual({ kind: 'now', at: dueAt });
  });

  it('flags an item longer than any slot, or with no airing in its window, instead of dropping it', () => {
    expect(placeItem({ priority: 'normal', durationMs: 11 * MIN, dueAt, windowEnd }, windows)).toEqual({ kind: 'no-slot' });
    const dated = loads([slot('once', '06:00', '06:10', { validFrom: '2026-12-20', validUntil: '2026-12-20' })], '2026-11-23T00:00:00Z', '2026-12-31T00:00:00Z');
    expect(placeItem({ priority: 'normal', durationMs: MIN, dueAt, windowEnd }, dated)).toEqual({ kind: 'no-slot' });
  });

  it('places into a slot spanning midnight', () => {
    const night = loads([slot('night', '23:50', '00:20')], '2026-11-23T00:00:00Z', '2026-11-25T00:00:00Z');
    const placement = placeItem({ priority: 'normal', durationMs: 25 * MIN, dueAt, windowEnd }, night);
    expect(placement).toEqual({ kind: 'slot', slotId: 'night', start: new Date('2026-11-23T16:50:00Z') });
  });
});
