import { Card, ProgressBar } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import type { Event } from '../../../api/service-types';
import { useI18n } from '../../../i18n';
import { PinIcon } from '../../components/icons';
import { EventTags, MySignupTag } from './event-tags';
import { ClockIcon } from './service-icons';
import { useEventTime } from './service-labels';

/** One event in a list: what, when, where, and how full it is. */
export function EventCard({ event: e }: { event: Event }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const when = useEventTime();
  const full = e.signedUp >= e.capacity;
  return (
    <Card className="h5s-card" onClick={() => navigate(`/events/${e.id}`)} data-event-id={e.id} data-status={e.status} data-testid="h5-event-card">
      <div className="h5s-card-head">
        <span className="h5s-card-title">{e.title}</span>
        <MySignupTag event={e} />
      </div>
      <EventTags event={e} />
      <div className="h5s-card-meta">
        <div className="h5s-meta-row">
          <ClockIcon className="h5s-meta-icon" />
          <span>{when(e.startsAt, e.endsAt)}</span>
        </div>
        <div className="h5s-meta-row">
          <PinIcon className="h5s-meta-icon" />
          <span>{[e.placeName, e.address].filter(Boolean).join(' · ')}</span>
        </div>
      </div>
      <div className="h5s-card-foot">
        <span>{t('h5s.capacity', { signedUp: e.signedUp, capacity: e.capacity })}</span>
        <ProgressBar percent={Math.min(100, (e.signedUp / Math.max(1, e.capacity)) * 100)} className="h5s-progress" />
        <span>{e.waitlisted > 0 ? t('h5s.waitlistCount', { n: e.waitlisted }) : full ? t('h5s.full') : ''}</span>
      </div>
    </Card>
  );
}
