import type { Role } from './roles';

/** Screens not every role may open; every other screen is open to all signed-in users. */
export const RESTRICTED_SCREENS: Record<string, Role[]> = {
  '/inbox': ['supervisor', 'admin'],
  '/emergencies/new': ['supervisor'],
  '/emergencies': ['supervisor', 'admin'],
  '/admin/users': ['admin'],
  '/admin/channel-accounts': ['admin'],
  '/admin/audit': ['supervisor', 'admin'],
  '/relays': ['officer', 'supervisor'],
};

/** Whether the role may open a console path (a link's query string is ignored). */
export function canOpen(href: string, role: Role): boolean {
  const roles = RESTRICTED_SCREENS[href.split('?')[0]];
  return !roles || roles.includes(role);
}
