import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../i18n';
import { useMyVolunteer } from '../volunteer/use-my-volunteer';
import { BadgeIcon, ChevronIcon } from './service-icons';
import { formatHours } from './service-labels';

/** On "my events": my confirmed hours when I am a volunteer, else an invitation to register. */
export function VolunteerBanner() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const me = useMyVolunteer();
  if (!me.enabled || me.isPending || me.isError) return null;
  if (me.data) {
    return (
      <button type="button" className="h5s-banner" onClick={() => navigate('/volunteer')} data-testid="h5-my-hours">
        <BadgeIcon className="h5s-banner-icon" />
        <span>
          <div className="h5s-banner-title" data-hours={me.data.hours}>
            {t('h5s.myHours', { hours: formatHours(me.data.hours) })}
          </div>
          <div className="h5s-banner-hint">{t('h5s.myHoursHint')}</div>
        </span>
        <ChevronIcon className="h5s-banner-arrow" />
      </button>
    );
  }
  if (!me.mayJoin) return null;
  return (
    <button type="button" className="h5s-banner" onClick={() => navigate('/volunteer')} data-testid="h5-become-volunteer">
      <BadgeIcon className="h5s-banner-icon" />
      <span>
        <div className="h5s-banner-title">{t('h5s.becomeVolunteer')}</div>
        <div className="h5s-banner-hint">{t('h5s.becomeVolunteerHint')}</div>
      </span>
      <ChevronIcon className="h5s-banner-arrow" />
    </button>
  );
}
