/**
 * Materialized paths of the unit tree: one label per unit from the root, dot-separated (Postgres ltree).
 * A label is the unit id without hyphens, so labels never collide and never change.
 */
export function unitLabel(unitId: string): string {
  return unitId.replace(/-/g, '');
}

export function childPath(parentPath: string | null, unitId: string): string {
  return parentPath ? `${parentPath}.${unitLabel(unitId)}` : unitLabel(unitId);
}

/** True when `path` is `ancestorPath` itself or lies below it. */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path === ancestorPath || path.startsWith(`${ancestorPath}.`);
}
