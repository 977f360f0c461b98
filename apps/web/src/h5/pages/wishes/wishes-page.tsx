import '../requests/requests-h5.css';
import { Button, Tabs } from 'antd-mobile';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../shared/session';
import { SubPage } from '../../components/sub-page';
import { WishList, type WishTab } from './wish-list';

const TABS: readonly WishTab[] = ['open', 'claimed', 'posted'];

function isTab(value: string | null): value is WishTab {
  return (TABS as readonly (string | null)[]).includes(value);
}

/** 微心愿: the wall of open wishes, the ones I claimed and the ones I posted. */
export function WishesPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  // The tab lives in the URL so that "back" from posting a wish returns to the same tab.
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: WishTab = isTab(raw) ? raw : 'open';
  const post = can('wish.create') ? (
    <Button size="small" color="primary" fill="none" onClick={() => navigate('/wishes/new')} data-testid="h5-wish-post">
      {t('h5w.post')}
    </Button>
  ) : null;
  return (
    <SubPage title={t('h5w.title')} fallback="/" right={post} testId="h5-wishes">
      <Tabs activeKey={tab} onChange={(key) => setParams({ tab: key }, { replace: true })} className="h5w-tabs" data-testid="h5-wish-tabs">
        <Tabs.Tab key="open" title={t('h5w.tabOpen')} />
        <Tabs.Tab key="claimed" title={t('h5w.tabClaimed')} />
        <Tabs.Tab key="posted" title={t('h5w.tabPosted')} />
      </Tabs>
      <WishList key={tab} tab={tab} />
    </SubPage>
  );
}
