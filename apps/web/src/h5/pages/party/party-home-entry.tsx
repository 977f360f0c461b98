import '../events/service-h5.css';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../shared/session';
import { BadgeIcon } from '../events/service-icons';

/** The home page's 党员服务 entry, for members and residents who may enrol (party.self-service). */
export function PartyHomeEntry() {
  const { t } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  if (!can('party.self-service')) return null;
  return (
    <nav className="h5s-shortcuts" aria-label={t('h5party.entry')}>
      <button type="button" className="h5s-shortcut" onClick={() => navigate('/party')} data-testid="h5-home-party">
        <span className="h5s-shortcut-icon" style={{ background: '#c8102e' }}>
          <BadgeIcon />
        </span>
        <span className="h5s-shortcut-text">
          <span className="h5s-shortcut-name">{t('h5party.entry')}</span>
          <span className="h5s-shortcut-hint">{t('h5party.entryHint')}</span>
        </span>
      </button>
    </nav>
  );
}
