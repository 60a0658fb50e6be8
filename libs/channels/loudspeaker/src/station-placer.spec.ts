import type { EntityManager } from 'typeorm';
import type { AppConfig } from '#config/index.js';
import type { ChannelPolicyRepository } from '#persistence/index.js';
import { StationPlacer } from './station-placer.js';
import type { AiringLoad, StationPlaylistRepository } from './repositories/station-playlist.repository.js';

const TZ = 'Asia/Ho_Chi_Minh';
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const slot = (id: string, station: string, start: string, end: string) => ({
  id,
  label: id,
  daysOfWeek: EVERY_DAY,
  startTime: start,
  endTime: end,
  validFrom: null,
  validUntil: null,
  forStation: station,
});

/**
 * Placement reads the stations' slots and loads through the playlist repository; these fakes answer
 * from arrays (and record the windows asked for), so the rule itself is what is tested: the first day's
 * airings decide most stations, the whole window only those with no room that day.
 */
function placerWith(slots: ReturnType<typeof slot>[], loads: AiringLoad[], quietHours: { start: string; end: string } | null = null) {
  const asked: { stations: string[]; from: Date; to: Date }[] = [];
  const playlists = {
    slotsOfStations: async (_m: EntityManager, ids: string[]) => slots.filter((s) => ids.includes(s.forStation)),
    loads: async (_m: EntityManager, ids: string[], from: Date, to: Date) => {
      asked.push({ stations: ids, from, to });
      return loads.filter((l) => ids.includes(l.stationId) && l.airsAt >= from && l.airsAt < to);
    },
  } as unknown as StationPlaylistRepository;
  const policies = { get: async () => ({ channel: 'loudspeaker', quietHours, dailyCap: null }) } as unknown as ChannelPolicyRepository;
  return { placer: new StationPlacer(playlists, policies, { defaultTimeZone: TZ } as AppConfig), asked };
}

describe('StationPlacer.place', () => {
  // 2026-12-04 05:00 in Hà Nội (UTC+7): today's 06:00 airing is still ahead.
  const dueAt = new Date('2026-12-03T22:00:00Z');
  const today6 = new Date('2026-12-03T23:00:00Z');
  const tomorrow6 = new Date('2026-12-04T23:00:00Z');
  const m = {} as EntityManager;
  const stations = [{ id: 's-room', timeZone: TZ }, { id: 's-full', timeZone: TZ }, { id: 's-none', timeZone: null }];

  it('places in the first airing with room: today where there is room, tomorrow where today is full, nowhere without slots', async () => {
    const { placer, asked } = placerWith(
      [slot('a', 's-room', '06:00', '06:30'), slot('b', 's-full', '06:00', '06:30')],
      [{ stationId: 's-full', slotId: 'b', airsAt: today6, usedMs: 30 * 60_000, priorityUsedMs: 0 }],
    );
    const placed = await placer.place(m, stations, { priority: 'normal', durationMs: 60_000, dueAt, timeZone: TZ });
    expect(placed).toEqual([
      { stationId: 's-room', slotId: 'a', airsAt: today6 },
      { stationId: 's-full', slotId: 'b', airsAt: tomorrow6 },
      { stationId: 's-none', slotId: null, airsAt: null },
    ]);
    // One pass over a day for all three, then the whole window for the two with no room that day.
    expect(asked.map((a) => a.stations)).toEqual([['s-room', 's-full', 's-none'], ['s-full', 's-none']]);
    expect(asked[0].to.getTime() - dueAt.getTime()).toBe(86_400_000 + 1);
    expect(asked[1].to.getTime() - dueAt.getTime()).toBe(7 * 86_400_000 + 1);
  });

  it('finds the first airing with room beyond the first day when the early ones are full or in quiet hours', async () => {
    const slots = [slot('a', 's-room', '06:00', '06:30'), slot('q', 's-room', '22:30', '23:00')];
    const loads = [0, 1, 2].map((d) => ({ stationId: 's-room', slotId: 'a', airsAt: new Date(today6.getTime() + d * 86_400_000), usedMs: 30 * 60_000, priorityUsedMs: 0 }));
    const { placer } = placerWith(slots, loads, { start: '22:00', end: '05:00' });
    const [placed] = await placer.place(m, [stations[0]], { priority: 'normal', durationMs: 60_000, dueAt, timeZone: TZ });
    // 06:00 full on three days, 22:30 always quiet: the fourth morning.
    expect(placed).toEqual({ stationId: 's-room', slotId: 'a', airsAt: new Date(today6.getTime() + 3 * 86_400_000) });
  });

  it('puts an emergency on every station at once without reading slots', async () => {
    const { placer, asked } = placerWith([], []);
    expect(await placer.place(m, stations, { priority: 'emergency', durationMs: 60_000, dueAt, timeZone: TZ })).toEqual(
      stations.map((s) => ({ stationId: s.id, slotId: null, airsAt: dueAt })),
    );
    expect(asked).toEqual([]);
  });
});
