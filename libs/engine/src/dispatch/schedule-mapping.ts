import type { Schedule } from '#domain/index.js';
import type { BroadcastSchedule } from '#persistence/index.js';

/** The stored (JSON) schedule of a broadcast as the domain's Schedule. */
export function toDomainSchedule(schedule: BroadcastSchedule, timeZone: string): Schedule {
  if (schedule.kind === 'once') return { kind: 'once', at: new Date(schedule.at) };
  return {
    kind: 'recurring',
    rrule: schedule.rrule,
    startsAt: schedule.startsAt,
    timeZone,
    until: schedule.until ? new Date(schedule.until) : null,
    count: schedule.count ?? null,
  };
}
