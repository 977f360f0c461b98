import { SafeArea, TabBar } from 'antd-mobile';
import { HomeIcon, PeopleIcon, UserIcon } from './icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { useSession } from '../../shared/session';

/** Pages with the bottom tab bar: 首页, 居民 (with resident.read) and 我的. */
export function TabLayout() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { can } = useSession();
  const active = pathname.startsWith('/me') ? '/me' : pathname.startsWith('/residents') ? '/residents' : '/';
  return (
    <div className="h5-app">
      <main className="h5-main">
        <Outlet />
      </main>
      <footer className="h5-tabbar">
        <TabBar activeKey={active} onChange={(key) => navigate(key)} safeArea data-testid="h5-tabbar">
          <TabBar.Item key="/" title={t('h5.tabHome')} icon={<HomeIcon />} />
          {can('resident.read') ? <TabBar.Item key="/residents" title={t('res.h5Tab')} icon={<PeopleIcon />} /> : null}
          <TabBar.Item key="/me" title={t('h5.tabMe')} icon={<UserIcon />} />
        </TabBar>
      </footer>
      <SafeArea position="bottom" />
    </div>
  );
}
