import { relayOutcome, type RelayFacts } from './relay-outcome.js';

const now = new Date('2026-12-03T10:00:00Z');
const base: RelayFacts = { status: 'placed', stations: 2, played: 0, failed: 0, cancelled: 0, lastEndsAt: new Date('2026-12-03T10:10:00Z') };

describe('relay outcome per commune', () => {
  it('is played as soon as one station played it to the end', () => {
    expect(relayOutcome({ ...base, played: 1, failed: 1 }, now)).toBe('played');
  });
  it('is missed when every station failed, or the airing ended over 30 minutes ago unreported', () => {
    expect(relayOutcome({ ...base, failed: 2 }, now)).toBe('missed');
    expect(relayOutcome({ ...base, failed: 1, cancelled: 1 }, now)).toBe('missed');
    expect(relayOutcome({ ...base, lastEndsAt: new Date('2026-12-03T09:29:00Z') }, now)).toBe('missed');
  });
  it('is scheduled while the airing is ahead or just over, and waiting until placed', () => {
    expect(relayOutcome(base, now)).toBe('scheduled');
    expect(relayOutcome({ ...base, lastEndsAt: new Date('2026-12-03T09:31:00Z') }, now)).toBe('scheduled');
    expect(relayOutcome({ ...base, status: 'waiting', lastEndsAt: null }, now)).toBe('waiting');
  });
});
