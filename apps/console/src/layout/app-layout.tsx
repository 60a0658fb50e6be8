import {
  AlertOutlined,
  AuditOutlined,
  BellOutlined,
  CalendarOutlined,
  ClusterOutlined,
  DashboardOutlined,
  DesktopOutlined,
  FileTextOutlined,
  InboxOutlined,
  LogoutOutlined,
  MenuOutlined,
  SendOutlined,
  SoundOutlined,
  TeamOutlined,
  UserOutlined,
  ApiOutlined,
  BarChartOutlined,
  ScheduleOutlined,
  NotificationOutlined,
} from '@ant-design/icons';
import { Button, Drawer, Dropdown, Flex, Grid, Layout, Menu, Typography, type MenuProps } from 'antd';
import { ScreenSpinner } from '../components/full-page-spinner';
import { Suspense, useMemo, useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth, useProfile } from '../auth/auth-context';
import { ROLE } from '../lib/labels';
import { ROUTES } from '../routes';

const ICONS: Record<string, ReactNode> = {
  dashboard: <DashboardOutlined />,
  messages: <FileTextOutlined />,
  inbox: <InboxOutlined />,
  broadcasts: <SendOutlined />,
  calendar: <CalendarOutlined />,
  subscribers: <TeamOutlined />,
  stations: <SoundOutlined />,
  boards: <DesktopOutlined />,
  users: <UserOutlined />,
  units: <ClusterOutlined />,
  accounts: <ApiOutlined />,
  audit: <AuditOutlined />,
  alerts: <BellOutlined />,
  emergency: <AlertOutlined />,
  reports: <BarChartOutlined />,
  plans: <ScheduleOutlined />,
  relays: <NotificationOutlined />,
};

const DANGER_ITEM = { color: '#a8071a', fontWeight: 600 };

function useMenuItems(): MenuProps['items'] {
  const { role } = useProfile();
  return useMemo(() => {
    const items: NonNullable<MenuProps['items']> = [];
    const groups = new Map<string, { key: string; label: ReactNode; icon: ReactNode }[]>();
    for (const r of ROUTES) {
      if (!r.menu || (r.roles && !r.roles.includes(role))) continue;
      // antd's own danger red falls short of WCAG AA on white: a darker red, bold.
      const style = r.menu.danger ? DANGER_ITEM : undefined;
      const item = { key: r.path, label: <Link to={r.path} style={style}>{r.menu.label}</Link>, icon: style ? <span style={style}>{ICONS[r.menu.icon]}</span> : ICONS[r.menu.icon] };
      if (!r.menu.group) items.push(item);
      else {
        if (!groups.has(r.menu.group)) {
          const children: { key: string; label: ReactNode; icon: ReactNode }[] = [];
          groups.set(r.menu.group, children);
          items.push({ type: 'group', key: `g:${r.menu.group}`, label: r.menu.group, children });
        }
        groups.get(r.menu.group)!.push(item);
      }
    }
    return items;
  }, [role]);
}

function selectedKey(pathname: string): string {
  const match = ROUTES.filter((r) => r.menu && (r.path === '/' ? pathname === '/' : pathname.startsWith(r.path)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return match?.path ?? '/';
}

/** The console's frame: side menu (a drawer on a phone), the user and unit, sign-out; the page below. */
export function AppLayout() {
  const profile = useProfile();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const [drawer, setDrawer] = useState(false);
  const items = useMenuItems();
  const menu = (
    <Menu mode="inline" selectedKeys={[selectedKey(pathname)]} items={items} onClick={() => setDrawer(false)} style={{ borderInlineEnd: 0 }} />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!narrow && (
        <Layout.Sider width={220} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
          <Brand />
          <nav aria-label="Điều hướng chính">{menu}</nav>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 16px', borderBottom: '1px solid #f0f0f0', height: 56, lineHeight: '56px' }}>
          <Flex justify="space-between" align="center" style={{ height: '100%' }}>
            <Flex align="center" gap={8}>
              {narrow && <Button type="text" icon={<MenuOutlined />} aria-label="Mở menu" onClick={() => setDrawer(true)} />}
              {narrow && <Brand compact />}
            </Flex>
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'account', icon: <UserOutlined />, label: 'Tài khoản, đổi mật khẩu' },
                  { key: 'logout', icon: <LogoutOutlined />, label: 'Đăng xuất' },
                ],
                onClick: ({ key }) => {
                  if (key === 'account') navigate('/account');
                  else void logout().then(() => navigate('/login'));
                },
              }}
            >
              <Button type="text" aria-label="Tài khoản" style={{ height: 48, maxWidth: narrow ? 160 : 360 }}>
                <Flex vertical align="end" style={{ lineHeight: 1.2, minWidth: 0 }}>
                  <Typography.Text strong ellipsis style={{ maxWidth: narrow ? 140 : 340 }}>
                    {profile.displayName}
                  </Typography.Text>
                  {!narrow && (
                    <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 340 }}>
                      {ROLE[profile.role]} · {profile.unitName}
                    </Typography.Text>
                  )}
                </Flex>
              </Button>
            </Dropdown>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: narrow ? 12 : 24 }}>
          <main>
            <Suspense fallback={<ScreenSpinner />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
      <Drawer open={drawer && narrow} onClose={() => setDrawer(false)} placement="left" size={260} title={<Brand compact />}>
        <nav aria-label="Điều hướng chính">{menu}</nav>
      </Drawer>
    </Layout>
  );
}

function Brand({ compact }: { compact?: boolean }) {
  return (
    <Link to="/" style={{ display: 'block', padding: compact ? 0 : '16px 20px', fontWeight: 700, fontSize: 18, color: '#0b5394', whiteSpace: 'nowrap' }}>
      Tin cơ sở
    </Link>
  );
}
