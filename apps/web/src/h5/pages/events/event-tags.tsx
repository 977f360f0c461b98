import { Tag } from 'antd-mobile';
import type { Event } from '../../../api/service-types';
import { useI18n } from '../../../i18n';
import { EVENT_TYPE_COLORS, colourHex, useServiceLabels } from './service-labels';

/** Type, service colour and points per hour of an event. */
export function EventTags({ event: e }: { event: Event }) {
  const { t } = useI18n();
  const labels = useServiceLabels();
  return (
    <div className="h5s-card-tags">
      <Tag color={EVENT_TYPE_COLORS[e.type]} data-type={e.type}>
        {labels.eventType(e.type)}
      </Tag>
      <Tag color="default" fill="outline" data-colour={e.colour}>
        <span className="h5s-colour-dot" style={{ background: colourHex(e.colour) }} />
        {t('h5s.colour', { colour: labels.colour(e.colour) })}
      </Tag>
      {e.pointsPerHour > 0 ? (
        <Tag color="#fa8c16" fill="outline">
          {t('h5s.pointsPerHour', { n: e.pointsPerHour })}
        </Tag>
      ) : null}
    </div>
  );
}

/** Where I stand: signed up, waiting (with my place), or how the event ended. */
export function MySignupTag({ event: e }: { event: Event }) {
  const { t } = useI18n();
  if (e.status === 'cancelled') return <Tag color="default">{t('h5s.eventCancelled')}</Tag>;
  if (e.mySignup?.status === 'confirmed') return <Tag color="success" data-testid="h5-event-my-status" data-status="confirmed">{t('h5s.signedUpTag')}</Tag>;
  if (e.mySignup?.status === 'waitlisted')
    return (
      <Tag color="warning" data-testid="h5-event-my-status" data-status="waitlisted">
        {t('h5s.waitlistTag', { n: e.mySignup.position ?? '—' })}
      </Tag>
    );
  if (e.status === 'finished') return <Tag color="default">{t('h5s.eventFinished')}</Tag>;
  return null;
}
