import type { Priority } from '../content/content-model.js';
import { PRIORITY_RANK } from './placement.js';

/** What the playing order needs to know of a station's playlist item. */
export interface PlaylistEntry {
  /** The delivery id (a bigint as text): the last tie-breaker, so the order never depends on the query. */
  itemId: string;
  priority: Priority;
  /** null = not placed in a slot (an emergency plays at once). */
  slotId: string | null;
  airsAt: Date;
  durationMs: number;
  createdAt: Date;
}

export interface PlaylistSlotting<T> {
  item: T;
  /** When the item starts: its airing's start plus the audio of the items ahead of it in that airing. */
  startsAt: Date;
}

function byPlayingOrder(a: PlaylistEntry, b: PlaylistEntry): number {
  const itemA = BigInt(a.itemId);
  const itemB = BigInt(b.itemId);
  return (
    Number(b.priority === 'emergency') - Number(a.priority === 'emergency') ||
    a.airsAt.getTime() - b.airsAt.getTime() ||
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    (itemA < itemB ? -1 : itemA > itemB ? 1 : 0)
  );
}

/**
 * A station's items in playing order: emergency items first (at their own time, they interrupt),
 * then each slot airing in time order, priority ahead of normal inside an airing, first placed first;
 * items of one airing play back to back from its start.
 */
export function playingOrder<T extends PlaylistEntry>(items: readonly T[]): PlaylistSlotting<T>[] {
  const offsets = new Map<string, number>();
  return [...items].sort(byPlayingOrder).map((item) => {
    if (item.priority === 'emergency' || !item.slotId) return { item, startsAt: item.airsAt };
    const airing = `${item.slotId}@${item.airsAt.toISOString()}`;
    const offset = offsets.get(airing) ?? 0;
    offsets.set(airing, offset + item.durationMs);
    return { item, startsAt: new Date(item.airsAt.getTime() + offset) };
  });
}
