import { Button, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import type { NearbyRequest } from '../../../api/requests-types';
import { useI18n } from '../../../i18n';
import { requestsApi } from '../../../api/requests-endpoints';
import { errorText } from '../../../shared/feedback';
import { StatusTag } from './status-tag';

interface Props {
  items: readonly NearbyRequest[];
  acknowledged: boolean;
  onSubmitAnyway: () => void;
}

/** Possible duplicates near the reported spot, as FixMyStreet shows them before a new report. */
export function NearbyNotice({ items, acknowledged, onSubmitAnyway }: Props) {
  const { t } = useI18n();
  const navigate = useNavigate();
  // Following gives the resident the request's page and a notice when it is answered.
  const follow = async (id: string) => {
    try {
      await requestsApi.follow(id);
      Toast.show({ icon: 'success', content: t('h5r.nearbyFollowed') });
      navigate(`/requests/${id}`, { replace: true });
    } catch (error) {
      Toast.show({ icon: 'fail', content: errorText(error) });
    }
  };
  if (acknowledged) {
    return (
      <div className="h5r-nearby h5r-nearby-done" data-testid="h5-request-nearby-acknowledged">
        {t('h5r.nearbyAcknowledged')}
      </div>
    );
  }
  return (
    <div className="h5r-nearby" role="status" data-testid="h5-request-nearby">
      <div className="h5r-nearby-title">{t('h5r.nearbyTitle')}</div>
      {items.slice(0, 3).map((item) => (
        <div key={item.id} className="h5r-nearby-item" data-request-id={item.id}>
          <div className="h5r-nearby-head">
            <StatusTag status={item.status} />
            <span className="h5r-nearby-category">{item.categoryName}</span>
            <span className="h5-muted">{t('h5r.nearbyDistance', { metres: Math.round(item.distanceMetres) })}</span>
          </div>
          {item.description ? <div className="h5r-nearby-text">{item.description}</div> : null}
          <Button size="mini" color="primary" fill="none" className="h5r-link" onClick={() => void follow(item.id)} data-testid="h5-request-nearby-follow">
            {t('h5r.nearbyFollow')} ›
          </Button>
        </div>
      ))}
      <Button block size="small" fill="outline" onClick={onSubmitAnyway} data-testid="h5-request-nearby-anyway">
        {t('h5r.nearbySubmitAnyway')}
      </Button>
    </div>
  );
}
