import { Alert, App, Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { useSession } from '../../shared/session';
import { AuthLayout } from './auth-layout';
import { TotpEnrolPanel } from './totp-enrol-panel';

/** Forced TOTP enrolment (session restriction `enrol_totp`). */
export function TotpEnrolPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { refresh, logout, me } = useSession();
  const navigate = useNavigate();
  return (
    <AuthLayout wide>
      <Alert type="warning" showIcon title={t('totp.forcedTitle')} description={t('totp.forcedDetail')} style={{ marginBottom: 20 }} />
      <TotpEnrolPanel
        onDone={() => {
          void message.success(t('totp.enabled'));
          void refresh().catch(() => undefined);
        }}
      />
      <div style={{ textAlign: 'center', marginTop: 8 }}>
        <Button
          type="link"
          onClick={() => {
            void logout().then(() => navigate('/login', { replace: true }));
          }}
        >
          {t('auth.switchAccount', { name: me?.username ?? '' })}
        </Button>
      </div>
    </AuthLayout>
  );
}
