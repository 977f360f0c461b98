import '../events/service-h5.css';
import type { ReactNode } from 'react';
import { Tag } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { enrolmentsApi } from '../../../api/enrolments-endpoints';
import { useI18n, type MessageKey } from '../../../i18n';
import { useSession } from '../../../shared/session';
import { SubPage } from '../../components/sub-page';
import { BadgeIcon, BookIcon, CalendarIcon, CoinIcon, GiftIcon } from '../events/service-icons';
import { ENROLMENT_STATE_COLORS } from './party-h5-labels';

interface Tile {
  path: string;
  name: MessageKey;
  hint: MessageKey;
  icon: ReactNode;
  color: string;
  testId: string;
}

const TILES: readonly Tile[] = [
  { path: '/party/enrol', name: 'h5party.tile.enrol', hint: 'h5party.tile.enrolHint', icon: <BadgeIcon />, color: '#c8102e', testId: 'h5-party-enrol' },
  { path: '/party/posts', name: 'h5party.tile.posts', hint: 'h5party.tile.postsHint', icon: <GiftIcon />, color: '#fa8c16', testId: 'h5-party-posts' },
  { path: '/party/learning', name: 'h5party.tile.learning', hint: 'h5party.tile.learningHint', icon: <BookIcon />, color: '#1677ff', testId: 'h5-party-learning' },
  { path: '/party/sessions', name: 'h5party.tile.sessions', hint: 'h5party.tile.sessionsHint', icon: <CalendarIcon />, color: '#00b578', testId: 'h5-party-sessions' },
  { path: '/party/scores', name: 'h5party.tile.scores', hint: 'h5party.tile.scoresHint', icon: <CoinIcon />, color: '#722ed1', testId: 'h5-party-scores' },
];

/** 党员服务: the party member's corner of the mobile app — enrol, claim posts, study, sessions, scores. */
export function PartyHubPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const navigate = useNavigate();
  const mine = useQuery({ queryKey: ['enrolments', 'mine'], queryFn: () => enrolmentsApi.list({ mine: 'true', limit: 1 }) });
  const latest = mine.data?.items[0];
  return (
    <SubPage title={t('h5party.hubTitle')} fallback="/" testId="h5-party-hub">
      <section className="h5s-head" style={{ background: 'linear-gradient(135deg, #c8102e, #e4393c)', color: '#fff', padding: '20px 16px' }}>
        <div style={{ fontSize: 20, fontWeight: 600 }}>{t('h5party.hubGreeting', { name: me?.displayName ?? '' })}</div>
        <div style={{ marginTop: 6, opacity: 0.9 }}>{t('h5party.hubSlogan')}</div>
        {latest ? (
          <Tag color={ENROLMENT_STATE_COLORS[latest.state]} style={{ marginTop: 10 }} data-testid="h5-party-hub-enrolment">
            {t(`h5party.enrolment.${latest.state}`, { community: latest.communityName })}
          </Tag>
        ) : null}
      </section>
      <nav className="h5s-shortcuts" style={{ gridTemplateColumns: 'repeat(2, minmax(0, 1fr))' }} aria-label={t('h5party.hubTitle')}>
        {TILES.map((s) => (
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
    </SubPage>
  );
}
