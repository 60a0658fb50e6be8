export const ROLES = ['officer', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller, as every service sees it. unitPath is the materialized path of the caller's unit. */
export interface Actor {
  userId: string;
  role: Role;
  unitId: string;
  unitPath: string;
}

/** What a tenant query is limited to: the subtree under this path. Every Actor is one. */
export interface UnitScope {
  unitPath: string;
}
