/** What the province sees per commune: still waiting for the officer, placed and not aired yet, played, or missed. */
export type RelayOutcome = 'waiting' | 'scheduled' | 'played' | 'missed';

/** How long after its airing should have ended a placed relay with no play report counts as missed. */
export const RELAY_MISSED_AFTER_MS = 30 * 60_000;

export interface RelayFacts {
  status: 'waiting' | 'placed' | 'auto-placed';
  stations: number;
  played: number;
  failed: number;
  cancelled: number;
  lastEndsAt: Date | null;
}

/**
 * Played when any station of the commune played it to the end; missed when none did and none still
 * can (every delivery failed or was withdrawn, or the airing ended more than 30 minutes ago).
 */
export function relayOutcome(facts: RelayFacts, now: Date): RelayOutcome {
  if (facts.played > 0) return 'played';
  if (facts.stations > 0 && facts.failed + facts.cancelled >= facts.stations) return 'missed';
  if (facts.status === 'waiting') return 'waiting';
  if (facts.lastEndsAt && facts.lastEndsAt.getTime() + RELAY_MISSED_AFTER_MS < now.getTime()) return 'missed';
  return 'scheduled';
}
