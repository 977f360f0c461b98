import { Suspense, useMemo, useState } from 'react';
import { Avatar, Button, Drawer, Grid, Layout, Menu, Popover, Space, Tag, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n';
import { useSession } from '../shared/session';
import { BrandLogo } from './components/brand-logo';
import { LocaleSwitch } from './components/locale-switch';
import { NotificationBell } from './components/notification-bell';
import { PageLoading } from './components/page-loading';
import { allowedNav, navGroupOf, navItemOf } from './nav';

const { Header, Sider, Content } = Layout;

function UserBadge({ compact }: { compact: boolean }) {
  const { me } = useSession();
  const { t, roleLabel } = useI18n();
  if (!me) return null;
  const roleNames = Array.from(new Set(me.roles.map((r) => roleLabel(r.role))));
  const summary = roleNames.length > 1 ? `${roleNames[0]} +${roleNames.length - 1}` : (roleNames[0] ?? t('header.noRole'));
  const details = (
    <div className="gw-user-popover" data-testid="header-user-details">
      <Typography.Text strong>{me.displayName}</Typography.Text>
      <Typography.Text type="secondary"> @{me.username}</Typography.Text>
      <div className="gw-user-popover-roles">
        {me.roles.length === 0 ? (
          <Typography.Text type="secondary">{t('header.noRole')}</Typography.Text>
        ) : (
          me.roles.map((r) => (
            <div key={r.id}>
              <Tag color="red">{roleLabel(r.role)}</Tag>
              <Typography.Text type="secondary">{r.placeName}</Typography.Text>
            </div>
          ))
        )}
      </div>
    </div>
  );
  return (
    <Popover content={details} placement="bottomRight" trigger={['hover', 'click']}>
      <span className="gw-user" data-testid="header-user">
        <Avatar size="small" className="gw-avatar">
          {me.displayName.slice(0, 1)}
        </Avatar>
        <span className={compact ? 'gw-user-text is-compact' : 'gw-user-text'}>
          <span className="gw-user-name" data-testid="header-user-name">
            {me.displayName}
          </span>
          {compact ? null : (
            <span className="gw-user-roles" data-testid="header-roles">
              {summary}
            </span>
          )}
        </span>
      </span>
    </Popover>
  );
}

export function AppLayout() {
  const { t } = useI18n();
  const { me, logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const isMobile = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [loggingOut, setLoggingOut] = useState(false);

  const nav = useMemo(() => allowedNav(me?.permissions ?? []), [me]);
  const selected = navItemOf(location.pathname)?.path;
  const items: MenuProps['items'] = nav.map((item) =>
    item.children
      ? {
          key: item.path,
          icon: item.icon,
          label: t(item.labelKey),
          children: item.children.map((c) => ({ key: c.path, label: t(c.labelKey) })),
        }
      : { key: item.path, icon: item.icon, label: t(item.labelKey) },
  );
  const group = navGroupOf(selected)?.path;

  const onMenuClick: MenuProps['onClick'] = ({ key }) => {
    setDrawerOpen(false);
    navigate(key);
  };

  const onLogout = async () => {
    setLoggingOut(true);
    await logout();
    setLoggingOut(false);
    navigate('/login', { replace: true });
  };

  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      defaultOpenKeys={group ? [group] : []}
      onClick={onMenuClick}
      className="gw-menu"
      data-testid="main-menu"
    />
  );

  return (
    <Layout className="gw-shell">
      <Header className="gw-header">
        <div className="gw-header-left">
          {isMobile ? (
            <Button
              type="text"
              icon={<MenuOutlined />}
              onClick={() => setDrawerOpen(true)}
              aria-label={t('header.openMenu')}
              data-testid="menu-toggle"
            />
          ) : null}
          <a
            className="gw-brand"
            href="/"
            onClick={(e) => {
              e.preventDefault();
              navigate('/');
            }}
          >
            <BrandLogo size={30} />
            <span className="gw-brand-name">{t('app.name')}</span>
            {screens.lg ? <span className="gw-brand-tagline">{t('app.tagline')}</span> : null}
          </a>
        </div>
        <Space size={isMobile ? 0 : 8} className="gw-header-right">
          <NotificationBell />
          <LocaleSwitch compact={isMobile} />
          <UserBadge compact={isMobile} />
          <Tooltip title={t('header.logout')}>
            <Button
              type="text"
              icon={<LogoutOutlined />}
              onClick={() => void onLogout()}
              loading={loggingOut}
              data-testid="logout"
              aria-label={t('header.logout')}
            >
              {isMobile ? null : t('header.logout')}
            </Button>
          </Tooltip>
        </Space>
      </Header>
      <Layout>
        {isMobile ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={248}
            title={t('app.name')}
            styles={{ body: { padding: 0 } }}
          >
            {menu}
          </Drawer>
        ) : (
          <Sider
            theme="light"
            width={216}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            breakpoint="lg"
            className="gw-sider"
          >
            {menu}
          </Sider>
        )}
        <Content className="gw-content">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
