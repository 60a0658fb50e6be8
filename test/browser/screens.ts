import type { Page } from 'playwright-core';

/** The console's main screens, who opens them, and the file name their screenshot gets. */
export interface Screen {
  name: string;
  path: string | ((ids: DemoIds) => string);
  user: string;
}

export interface DemoIds {
  messageId: string;
  broadcastId: string;
  stationId: string;
  /** The province's plan for this year, as the demo seed issues it. */
  planId: string;
  /** A flood warning the province's leader sent to the demo commune. */
  emergencyId: string;
}

export const MAIN_SCREENS: Screen[] = [
  { name: 'dashboard', path: '/', user: 'canbo.xa' },
  { name: 'messages', path: '/messages', user: 'canbo.xa' },
  { name: 'message-editor', path: (ids) => `/messages/${ids.messageId}`, user: 'canbo.xa' },
  { name: 'message-new', path: '/messages/new', user: 'canbo.xa' },
  { name: 'inbox', path: '/inbox', user: 'lanhdao.tinh' },
  { name: 'broadcasts', path: '/broadcasts', user: 'canbo.xa' },
  { name: 'broadcast-wizard', path: '/broadcasts/new', user: 'canbo.xa' },
  { name: 'broadcast-detail', path: (ids) => `/broadcasts/${ids.broadcastId}`, user: 'canbo.xa' },
  { name: 'calendar', path: '/calendar', user: 'canbo.xa' },
  { name: 'relays', path: '/relays', user: 'canbo.xa' },
  { name: 'subscribers', path: '/subscribers', user: 'canbo.xa' },
  { name: 'stations', path: '/stations', user: 'canbo.xa' },
  { name: 'station-detail', path: (ids) => `/stations/${ids.stationId}`, user: 'canbo.xa' },
  { name: 'boards', path: '/boards', user: 'canbo.xa' },
  { name: 'admin-users', path: '/admin/users', user: 'admin.tinh' },
  { name: 'admin-units', path: '/admin/units', user: 'admin.tinh' },
  { name: 'admin-channel-accounts', path: '/admin/channel-accounts', user: 'admin.tinh' },
  { name: 'admin-audit', path: '/admin/audit', user: 'admin.tinh' },
  { name: 'reports', path: '/reports', user: 'lanhdao.tinh' },
  { name: 'plans', path: '/plans', user: 'lanhdao.tinh' },
  { name: 'plan-detail', path: (ids) => `/plans/${ids.planId}`, user: 'lanhdao.tinh' },
  { name: 'plan-progress', path: (ids) => `/plans/${ids.planId}?tab=progress`, user: 'lanhdao.tinh' },
  { name: 'plans-activities', path: '/plans?tab=activities', user: 'canbo.xa' },
  { name: 'emergency-new', path: '/emergencies/new', user: 'lanhdao.tinh' },
  { name: 'emergencies', path: '/emergencies', user: 'lanhdao.tinh' },
  { name: 'emergency-detail', path: (ids) => `/emergencies/${ids.emergencyId}`, user: 'lanhdao.tinh' },
  { name: 'account', path: '/account', user: 'canbo.xa' },
];

export function screenPath(screen: Screen, ids: DemoIds): string {
  return typeof screen.path === 'string' ? screen.path : screen.path(ids);
}

/** Opens a screen and waits until its data has arrived (the heading is there and no request is pending). */
export async function openScreen(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}
