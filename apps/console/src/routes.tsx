import { lazy } from 'react';
import type { Role } from './lib/roles';
import { RESTRICTED_SCREENS } from './lib/route-access';
import DashboardPage from './pages/dashboard/dashboard-page';

/**
 * Every screen is its own chunk, loaded on demand (a cheap laptop on 4G opens the dashboard first).
 * `menu` places a screen in the side menu; `roles` limits who sees it.
 */
export interface ScreenRoute {
  path: string;
  component: React.ComponentType;
  /** `danger`: drawn in red (Phát khẩn cấp). */
  menu?: { label: string; icon: string; group?: string; danger?: boolean };
  roles?: Role[];
}

export const ROUTES: ScreenRoute[] = [
  // The landing screen comes with the main chunk: one round trip less before the officer sees it.
  { path: '/', component: DashboardPage, menu: { label: 'Tổng quan', icon: 'dashboard' } },
  { path: '/emergencies/new', component: lazy(() => import('./pages/emergencies/emergency-compose-page')), menu: { label: 'Phát khẩn cấp', icon: 'emergency', danger: true }, roles: RESTRICTED_SCREENS['/emergencies/new'] },
  { path: '/messages', component: lazy(() => import('./pages/messages/message-list-page')), menu: { label: 'Tin bài', icon: 'messages' } },
  { path: '/messages/new', component: lazy(() => import('./pages/messages/message-editor-page')) },
  { path: '/messages/:id', component: lazy(() => import('./pages/messages/message-editor-page')) },
  { path: '/inbox', component: lazy(() => import('./pages/inbox/inbox-page')), menu: { label: 'Chờ duyệt', icon: 'inbox' }, roles: RESTRICTED_SCREENS['/inbox'] },
  { path: '/broadcasts', component: lazy(() => import('./pages/broadcasts/broadcast-list-page')), menu: { label: 'Lượt phát', icon: 'broadcasts' } },
  { path: '/emergencies', component: lazy(() => import('./pages/emergencies/emergency-list-page')), menu: { label: 'Tin khẩn cấp', icon: 'alerts' }, roles: RESTRICTED_SCREENS['/emergencies'] },
  { path: '/emergencies/:id', component: lazy(() => import('./pages/emergencies/emergency-detail-page')), roles: RESTRICTED_SCREENS['/emergencies'] },
  { path: '/broadcasts/new', component: lazy(() => import('./pages/broadcasts/broadcast-wizard-page')) },
  { path: '/broadcasts/:id', component: lazy(() => import('./pages/broadcasts/broadcast-detail-page')) },
  { path: '/relays', component: lazy(() => import('./pages/relays/relays-page')), menu: { label: 'Tin từ cấp trên', icon: 'relays' }, roles: RESTRICTED_SCREENS['/relays'] },
  { path: '/calendar', component: lazy(() => import('./pages/calendar/calendar-page')), menu: { label: 'Lịch phát', icon: 'calendar' } },
  { path: '/subscribers', component: lazy(() => import('./pages/subscribers/subscribers-page')), menu: { label: 'Người nhận tin', icon: 'subscribers' } },
  { path: '/stations', component: lazy(() => import('./pages/stations/stations-page')), menu: { label: 'Cụm loa', icon: 'stations', group: 'Thiết bị' } },
  { path: '/stations/:id', component: lazy(() => import('./pages/stations/station-detail-page')) },
  { path: '/boards', component: lazy(() => import('./pages/boards/boards-page')), menu: { label: 'Bảng tin', icon: 'boards', group: 'Thiết bị' } },
  { path: '/admin/users', component: lazy(() => import('./pages/admin/users-page')), menu: { label: 'Người dùng', icon: 'users', group: 'Quản trị' }, roles: RESTRICTED_SCREENS['/admin/users'] },
  { path: '/admin/units', component: lazy(() => import('./pages/admin/units-page')), menu: { label: 'Đơn vị, thôn', icon: 'units', group: 'Quản trị' } },
  { path: '/admin/channel-accounts', component: lazy(() => import('./pages/admin/channel-accounts-page')), menu: { label: 'Tài khoản kênh', icon: 'accounts', group: 'Quản trị' }, roles: RESTRICTED_SCREENS['/admin/channel-accounts'] },
  { path: '/admin/audit', component: lazy(() => import('./pages/admin/audit-page')), menu: { label: 'Nhật ký', icon: 'audit', group: 'Quản trị' }, roles: RESTRICTED_SCREENS['/admin/audit'] },
  { path: '/reports', component: lazy(() => import('./pages/reports/reports-page')), menu: { label: 'Báo cáo', icon: 'reports', group: 'Báo cáo, kế hoạch' } },
  { path: '/plans', component: lazy(() => import('./pages/plans/plans-page')), menu: { label: 'Kế hoạch', icon: 'plans', group: 'Báo cáo, kế hoạch' } },
  { path: '/plans/:id', component: lazy(() => import('./pages/plans/plan-detail-page')) },
  { path: '/account', component: lazy(() => import('./pages/account/account-page')) },
];
