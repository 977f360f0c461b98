import { Avatar, Button, Dialog, List, Tag } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { useSession } from '../../shared/session';

export function MePage() {
  const { t, locale, setLocale, roleLabel } = useI18n();
  const { me, logout } = useSession();
  const navigate = useNavigate();
  if (!me) return null;

  const onLogout = async () => {
    const ok = await Dialog.confirm({ content: t('h5.logoutConfirm'), confirmText: t('common.ok'), cancelText: t('common.cancel') });
    if (!ok) return;
    await logout();
    navigate('/login', { replace: true });
  };

  return (
    <div data-testid="h5-me">
      <section className="h5-hero h5-hero-me">
        <Avatar src="" className="h5-avatar" fallback={<span className="h5-avatar-text">{me.displayName.slice(0, 1)}</span>} />
        <div>
          <div className="h5-hero-greeting">{me.displayName}</div>
          <div className="h5-hero-roles">@{me.username}</div>
        </div>
      </section>
      <List mode="card" header={<span className="h5-section-title">{t('users.roles')}</span>}>
        {me.roles.length === 0 ? (
          <List.Item>{t('header.noRole')}</List.Item>
        ) : (
          me.roles.map((r) => (
            <List.Item key={r.id} extra={r.placeName}>
              <Tag color="primary" fill="outline">
                {roleLabel(r.role)}
              </Tag>
            </List.Item>
          ))
        )}
      </List>
      <List mode="card">
        <List.Item
          extra={locale === 'zh-CN' ? '中文' : 'English'}
          onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}
          data-testid="locale-switch"
        >
          {t('h5.language')}
        </List.Item>
        <List.Item extra={me.totpEnabled ? t('profile.totpOn') : t('profile.totpOff')}>{t('profile.totp')}</List.Item>
        <List.Item onClick={() => window.location.assign('/')} description={t('h5.desktopHint')}>
          {t('h5.desktop')}
        </List.Item>
      </List>
      <div className="h5-actions">
        <Button block color="danger" fill="outline" size="large" onClick={() => void onLogout()} data-testid="logout">
          {t('header.logout')}
        </Button>
      </div>
    </div>
  );
}
