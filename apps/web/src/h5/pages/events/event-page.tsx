import './service-h5.css';
import { ErrorBlock, List } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { isApiError } from '../../../api/client';
import { eventsApi } from '../../../api/service-endpoints';
import type { Event } from '../../../api/service-types';
import { useI18n } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { Loading } from '../../components/loading';
import { SubPage } from '../../components/sub-page';
import { EventActions } from './event-actions';
import { EventTags, MySignupTag } from './event-tags';
import { useEventTime } from './service-labels';

/** One event: what, when, where, how full; sign up or cancel; at the event, check in and out. */
export function EventPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const detail = useQuery({ queryKey: ['events', 'detail', id], queryFn: () => eventsApi.get(id), enabled: Boolean(id), meta: { silent: true } });
  const notFound = isApiError(detail.error) && (detail.error.status === 404 || detail.error.status === 403);
  return (
    <SubPage title={t('h5s.eventTitle')} fallback="/events" testId="h5-event">
      {detail.isPending ? (
        <Loading />
      ) : notFound ? (
        <ErrorBlock status="empty" title={t('h5s.eventNotFound')} description="" data-testid="h5-event-not-found" />
      ) : detail.isError ? (
        <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(detail.error)} />
      ) : (
        <EventView event={detail.data} />
      )}
    </SubPage>
  );
}

function EventView({ event: e }: { event: Event }) {
  const { t } = useI18n();
  const when = useEventTime();
  const quota = t('h5s.quotaValue', { capacity: e.capacity, signedUp: e.signedUp }) + (e.waitlisted > 0 ? t('h5s.quotaWaitlist', { n: e.waitlisted }) : '');
  return (
    <div data-event-id={e.id} data-status={e.status}>
      <section className="h5s-head">
        <div className="h5s-card-head">
          <span className="h5s-head-title" data-testid="h5-event-title">
            {e.title}
          </span>
          <MySignupTag event={e} />
        </div>
        <EventTags event={e} />
      </section>

      <EventActions event={e} />

      <List mode="card">
        <List.Item extra={<span className="h5s-extra">{when(e.startsAt, e.endsAt)}</span>}>{t('h5s.time')}</List.Item>
        <List.Item extra={<span className="h5s-extra">{[e.placeName, e.address].filter(Boolean).join(' · ')}</span>}>{t('h5s.place')}</List.Item>
        <List.Item extra={<span className="h5s-extra" data-testid="h5-event-quota">{quota}</span>}>{t('h5s.quota')}</List.Item>
        <List.Item
          extra={<span className="h5s-extra">{when(e.signupOpensAt, e.signupClosesAt)}</span>}
        >
          {t('h5s.signupWindow')}
        </List.Item>
        {e.pointsPerHour > 0 ? <List.Item extra={t('h5s.pointsPerHour', { n: e.pointsPerHour })}>{t('h5s.reward')}</List.Item> : null}
        <List.Item extra={<span className="h5s-extra">{e.organiserName}</span>}>{t('h5s.organiser')}</List.Item>
      </List>

      {e.description ? (
        <List mode="card" header={<span className="h5-section-title">{t('h5s.description')}</span>}>
          <List.Item>
            <div className="h5s-prewrap">{e.description}</div>
          </List.Item>
        </List>
      ) : null}
    </div>
  );
}
