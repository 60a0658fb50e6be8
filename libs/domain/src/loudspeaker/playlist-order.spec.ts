import type { Priority } from '../content/content-model.js';
import { playingOrder, type PlaylistEntry } from './playlist-order.js';

const MIN = 60_000;
const morning = new Date('2026-11-23T23:00:00Z');
const evening = new Date('2026-11-24T10:00:00Z');

function entry(itemId: string, priority: Priority, airsAt: Date, extra: Partial<PlaylistEntry> = {}): PlaylistEntry {
  return { itemId, priority, slotId: 'slot-a', airsAt, durationMs: 2 * MIN, createdAt: new Date('2026-11-20T00:00:00Z'), ...extra };
}

const order = (items: PlaylistEntry[]) => playingOrder(items).map((s) => [s.item.itemId, s.startsAt.toISOString()]);

describe('playingOrder', () => {
  it('plays airings in time order and, inside one, priority ahead of normal, back to back from its start', () => {
    const items = [
      entry('1', 'normal', evening),
      entry('2', 'normal', morning),
      entry('3', 'priority', morning, { durationMs: 3 * MIN }),
    ];
    expect(order(items)).toEqual([
      ['3', '2026-11-23T23:00:00.000Z'],
      ['2', '2026-11-23T23:03:00.000Z'],
      ['1', '2026-11-24T10:00:00.000Z'],
    ]);
  });

  it('puts emergency items first, at their own time, and they take nothing from an airing', () => {
    const alarm = new Date('2026-11-24T12:00:00Z');
    const items = [entry('1', 'normal', morning), entry('2', 'emergency', alarm, { slotId: null }), entry('3', 'normal', morning)];
    expect(order(items)).toEqual([
      ['2', '2026-11-24T12:00:00.000Z'],
      ['1', '2026-11-23T23:00:00.000Z'],
      ['3', '2026-11-23T23:02:00.000Z'],
    ]);
  });

  it('keeps two slots airing at the same instant apart: each starts from its own airing', () => {
    const items = [entry('1', 'normal', morning), entry('2', 'normal', morning, { slotId: 'group-slot' })];
    expect(order(items).map(([, at]) => at)).toEqual(['2026-11-23T23:00:00.000Z', '2026-11-23T23:00:00.000Z']);
  });

  it('breaks ties by creation, then by item id numerically (not as text), whatever the input order', () => {
    const early = new Date('2026-11-20T00:00:00Z');
    const late = new Date('2026-11-21T00:00:00Z');
    const items = [entry('10', 'normal', morning, { createdAt: early }), entry('9', 'normal', morning, { createdAt: early }), entry('2', 'normal', morning, { createdAt: late })];
    const expected = ['9', '10', '2'];
    expect(order(items).map(([id]) => id)).toEqual(expected);
    expect(order([...items].reverse()).map(([id]) => id)).toEqual(expected);
  });

  it('keeps the caller’s rows whole and leaves the input untouched', () => {
    const rows = [{ ...entry('2', 'normal', morning), title: 'Tin B' }, { ...entry('1', 'normal', morning), title: 'Tin A' }];
    const [first] = playingOrder(rows);
    expect(first.item.title).toBe('Tin A');
    expect(rows.map((r) => r.itemId)).toEqual(['2', '1']);
  });
});
