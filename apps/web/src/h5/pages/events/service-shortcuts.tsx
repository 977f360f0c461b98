import './service-h5.css';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Permission } from '../../../api/types';
import { useI18n, type MessageKey } from '../../../i18n';
import { useSession } from '../../../shared/session';
import { BookIcon, CalendarIcon, CoinIcon, GiftIcon } from './service-icons';

interface Shortcut {
  path: string;
  name: MessageKey;
  hint: MessageKey;
  /** Shown when the user holds any of these. */
  permissions: readonly Permission[];
  icon: ReactNode;
  color: string;
  testId: string;
}

const SHORTCUTS: readonly Shortcut[] = [
  { path: '/events', name: 'h5s.entryEvents', hint: 'h5s.entryEventsHint', permissions: ['event.signup', 'event.read'], icon: <CalendarIcon />, color: '#c8102e', testId: 'h5-home-events' },
  { path: '/points', name: 'h5s.entryPoints', hint: 'h5s.entryPointsHint', permissions: ['event.signup', 'store.reserve'], icon: <CoinIcon />, color: '#fa8c16', testId: 'h5-home-points' },
  { path: '/store', name: 'h5s.entryStore', hint: 'h5s.entryStoreHint', permissions: ['store.reserve', 'store.read'], icon: <GiftIcon />, color: '#00b578', testId: 'h5-home-store' },
  { path: '/lectures', name: 'h5s.entryLectures', hint: 'h5s.entryLecturesHint', permissions: ['event.signup'], icon: <BookIcon />, color: '#1677ff', testId: 'h5-home-lectures' },
];

/** The home page's volunteer-service buttons: 活动报名 · 我的积分 · 爱心超市 · 菜单式讲堂, as permissions allow. */
export function ServiceShortcuts() {
  const { t } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const shortcuts = SHORTCUTS.filter((s) => s.permissions.some((p) => can(p)));
  if (shortcuts.length === 0) return null;
  return (
    <nav className="h5s-shortcuts" aria-label={t('h5s.entries')} data-testid="h5-home-service-shortcuts">
      {shortcuts.map((s) => (
        <button key={s.path} type="button" className="h5s-shortcut" onClick={() => navigate(s.path)} data-testid={s.testId}>
          <span className="h5s-shortcut-icon" style={{ background: s.color }}>
            {s.icon}
          </span>
          <span className="h5s-shortcut-text">
            <span className="h5s-shortcut-name">{t(s.name)}</span>
            <span className="h5s-shortcut-hint">{t(s.hint)}</span>
          </span>
        </button>
      ))}
    </nav>
  );
}
