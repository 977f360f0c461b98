import '../events/service-h5.css';
import { Button, Tabs } from 'antd-mobile';
import { Loading } from '../../components/loading';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../../api/client';
import { useI18n } from '../../../i18n';
import { SubPage } from '../../components/sub-page';
import { CoinIcon } from '../events/service-icons';
import { GoodsList } from './goods-list';
import { RedemptionList } from './redemption-list';
import { useMyPoints } from './use-my-points';

type StoreTab = 'goods' | 'mine';
const TABS: readonly StoreTab[] = ['goods', 'mine'];

function isTab(value: string | null): value is StoreTab {
  return (TABS as readonly (string | null)[]).includes(value);
}

/** 爱心超市: the catalogue with my balance, reservation for pick-up, and my redemptions. */
export function StorePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: StoreTab = isTab(raw) ? raw : 'goods';
  const points = useMyPoints();
  const residentId = points.data?.residentId ?? null;
  const notLinked = isApiError(points.error) && points.error.status === 422;
  return (
    <SubPage title={t('h5s.storeTitle')} fallback="/" testId="h5-store">
      <Tabs activeKey={tab} onChange={(key) => setParams({ tab: key }, { replace: true })} className="h5s-tabs" data-testid="h5-store-tabs">
        <Tabs.Tab key="goods" title={t('h5s.tabGoods')} />
        <Tabs.Tab key="mine" title={t('h5s.tabRedemptions')} />
      </Tabs>
      {points.data ? (
        <div className="h5s-balance-bar" data-testid="h5-store-balance" data-balance={points.data.balance}>
          <span>
            <CoinIcon className="h5s-inline-icon" /> {t('h5s.myBalance')}
            <strong>{points.data.balance}</strong>
          </span>
          <Button size="mini" fill="none" color="warning" onClick={() => navigate('/points')} data-testid="h5-store-points-link">
            {t('h5s.pointsDetail')}
          </Button>
        </div>
      ) : notLinked ? (
        <div className="h5s-balance-bar">{t('h5s.notLinked')}</div>
      ) : null}
      {points.isPending ? (
        <Loading />
      ) : tab === 'goods' ? (
        <GoodsList residentId={residentId} balance={points.data?.balance ?? 0} onReserved={() => setParams({ tab: 'mine' }, { replace: true })} />
      ) : (
        <RedemptionList residentId={residentId} />
      )}
    </SubPage>
  );
}
