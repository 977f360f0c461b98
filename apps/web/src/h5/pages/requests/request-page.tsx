import './requests-h5.css';
import { ErrorBlock, List, Tag } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { isApiError } from '../../../api/client';
import { requestsApi } from '../../../api/requests-endpoints';
import type { ServiceRequest } from '../../../api/requests-types';
import { useI18n } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { Loading } from '../../components/loading';
import { SubPage } from '../../components/sub-page';
import { RatingCard } from './rating-card';
import { URGENCY_COLORS, useRequestLabels } from './request-labels';
import { RequestPhotos } from './request-photos';
import { RequestTimeline } from './request-timeline';
import { StatusTag } from './status-tag';

/** One request as its reporter (or a worker) follows it: what, where, progress, result, rating. */
export function RequestPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const detail = useQuery({ queryKey: ['requests', 'detail', id], queryFn: () => requestsApi.get(id), enabled: Boolean(id), meta: { silent: true } });
  const notFound = isApiError(detail.error) && (detail.error.status === 404 || detail.error.status === 403);

  return (
    <SubPage title={t('h5r.detailTitle')} fallback="/requests" testId="h5-request">
      {detail.isPending ? (
        <Loading />
      ) : notFound ? (
        <ErrorBlock status="empty" title={t('h5r.notFound')} description="" data-testid="h5-request-not-found" />
      ) : detail.isError ? (
        <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(detail.error)} />
      ) : (
        <RequestView request={detail.data} />
      )}
    </SubPage>
  );
}

function RequestView({ request: r }: { request: ServiceRequest }) {
  const { t, formatDateTime } = useI18n();
  const labels = useRequestLabels();
  const reportPhotos = r.photos.filter((p) => p.kind === 'report');
  const resultPhotos = r.photos.filter((p) => p.kind !== 'report');
  return (
    <div data-request-id={r.id} data-status={r.status}>
      <section className="h5r-head">
        <div className="h5r-head-top">
          <span className="h5r-head-category">{r.categoryName}</span>
          <StatusTag status={r.status} large />
        </div>
        <div className="h5r-head-meta">
          <span className="h5-mono">{t('h5r.reference', { reference: r.reference })}</span>
          <span>{formatDateTime(r.createdAt)}</span>
        </div>
        {r.urgency !== 'normal' || r.anonymous ? (
          <div className="h5r-head-tags">
            {r.urgency !== 'normal' ? <Tag color={URGENCY_COLORS[r.urgency]}>{labels.urgency(r.urgency)}</Tag> : null}
            {r.anonymous ? <Tag color="default">{t('h5r.anonymousTag')}</Tag> : null}
          </div>
        ) : null}
      </section>

      <List mode="card" header={<span className="h5-section-title">{t('h5r.content')}</span>}>
        <List.Item>
          <div className="h5-prewrap" data-testid="h5-request-description-text">
            {r.description}
          </div>
          <RequestPhotos photos={reportPhotos} testId="h5-request-photos-view" />
        </List.Item>
      </List>

      <List mode="card" header={<span className="h5-section-title">{t('h5r.where')}</span>}>
        {r.address ? <List.Item extra={<span className="h5r-extra">{r.address}</span>}>{t('h5r.address')}</List.Item> : null}
        {r.location ? (
          <List.Item extra={<span className="h5-mono">{`${r.location.lng.toFixed(5)}, ${r.location.lat.toFixed(5)}`}</span>}>{t('h5r.location')}</List.Item>
        ) : null}
        <List.Item extra={<span className="h5r-extra">{r.responsiblePlaceName}</span>}>{t('h5r.responsible')}</List.Item>
        {r.owner?.name || r.owner?.unit ? (
          <List.Item extra={<span className="h5r-extra">{[r.owner.name, r.owner.unit].filter(Boolean).join(' · ')}</span>}>{t('h5r.owner')}</List.Item>
        ) : null}
        {r.deadline && !r.resolvedAt ? <List.Item extra={formatDateTime(r.deadline)}>{t('h5r.deadline')}</List.Item> : null}
      </List>

      {r.result ? (
        <List mode="card" header={<span className="h5-section-title">{t('h5r.result')}</span>} data-testid="h5-request-result">
          <List.Item description={r.resolvedAt ? t('h5r.resolvedAt', { time: formatDateTime(r.resolvedAt) }) : undefined}>
            <div className="h5-prewrap">{r.result}</div>
            <RequestPhotos photos={resultPhotos} testId="h5-request-result-photos" />
          </List.Item>
        </List>
      ) : null}

      <RatingCard request={r} />

      <List mode="card" header={<span className="h5-section-title">{t('h5r.progress')}</span>}>
        <List.Item>
          <RequestTimeline history={r.history} />
        </List.Item>
      </List>
    </div>
  );
}
