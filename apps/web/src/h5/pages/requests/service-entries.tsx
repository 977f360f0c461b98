import './requests-h5.css';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n, type MessageKey } from '../../../i18n';
import { useSession } from '../../../shared/session';
import type { Permission } from '../../../api/types';
import { ClipboardIcon, HeartIcon, MegaphoneIcon } from '../../components/icons';

interface Entry {
  path: string;
  name: MessageKey;
  hint: MessageKey;
  permission: Permission;
  icon: ReactNode;
  color: string;
  testId: string;
}

const ENTRIES: readonly Entry[] = [
  { path: '/requests/new', name: 'h5r.raise', hint: 'h5r.raiseHint', permission: 'request.create', icon: <MegaphoneIcon />, color: '#c8102e', testId: 'h5-home-raise' },
  { path: '/requests', name: 'h5r.mine', hint: 'h5r.mineHint', permission: 'request.create', icon: <ClipboardIcon />, color: '#1677ff', testId: 'h5-home-requests' },
  { path: '/wishes', name: 'h5r.wishes', hint: 'h5r.wishesHint', permission: 'wish.read', icon: <HeartIcon />, color: '#fa8c16', testId: 'h5-home-wishes' },
];

/** The big buttons on the home page: 我要反映 · 我的诉求 · 微心愿, as the user's permissions allow. */
export function ServiceEntries() {
  const { t } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const entries = ENTRIES.filter((e) => can(e.permission));
  if (entries.length === 0) return null;
  return (
    <nav className="h5r-services" aria-label={t('h5r.services')} data-testid="h5-home-services">
      {entries.map((e) => (
        <button key={e.path} type="button" className="h5r-service" onClick={() => navigate(e.path)} data-testid={e.testId}>
          <span className="h5r-service-icon" style={{ background: e.color }}>
            {e.icon}
          </span>
          <span className="h5r-service-name">{t(e.name)}</span>
          <span className="h5r-service-hint">{t(e.hint)}</span>
        </button>
      ))}
    </nav>
  );
}
