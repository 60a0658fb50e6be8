import type { Priority } from '../content/content-model.js';
import type { SlotWindow } from './weekly-slot.js';

/** How long a normal or priority item may wait for a slot with room before it is flagged. */
export const PLACEMENT_WINDOW_DAYS = 7;

/** A slot airing with what is already placed in it. */
export interface WindowLoad extends SlotWindow {
  /** Audio already placed in this airing, every priority. */
  usedMs: number;
  /** Audio of priority items already placed: normal items never hold a priority item back. */
  priorityUsedMs: number;
}

export interface PlacementRequest {
  priority: Priority;
  durationMs: number;
  dueAt: Date;
  /** Latest slot start accepted (normally dueAt + PLACEMENT_WINDOW_DAYS). */
  windowEnd: Date;
}

export type Placement =
  | { kind: 'now'; at: Date }
  | { kind: 'slot'; slotId: string; start: Date }
  | { kind: 'no-slot' };

/**
 * Thông tư 39/2020/TT-BTTTT placement: emergency interrupts at once; priority goes into the next
 * airing where it fits among the priority items (it plays ahead of normal items, which move back);
 * normal goes into the first airing of its window with room left. An airing that has already begun
 * is never used, and nothing is dropped: no airing with room answers 'no-slot' for the officer.
 */
export function placeItem(request: PlacementRequest, windows: readonly WindowLoad[]): Placement {
  if (request.priority === 'emergency') return { kind: 'now', at: request.dueAt };
  const candidates = windows
    .filter((w) => w.start >= request.dueAt && w.start <= request.windowEnd)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  for (const w of candidates) {
    const used = request.priority === 'priority' ? w.priorityUsedMs : w.usedMs;
    if (used + request.durationMs <= w.capacityMs) return { kind: 'slot', slotId: w.slotId, start: w.start };
  }
  return { kind: 'no-slot' };
}

/** Playing order inside an airing: emergency, then priority, then normal; first placed first within each. */
export const PRIORITY_RANK: Record<Priority, number> = { emergency: 0, priority: 1, normal: 2 };
