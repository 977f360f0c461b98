import { Alert, App, Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { useSession } from '../../shared/session';
import { AuthLayout } from './auth-layout';
import { ChangePasswordForm } from './change-password-form';

/** Forced password change on first sign-in (session restriction `change_password`). */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { refresh, logout, me } = useSession();
  const navigate = useNavigate();
  return (
    <AuthLayout>
      <Alert type="warning" showIcon title={t('password.forcedTitle')} description={t('password.forcedDetail')} style={{ marginBottom: 20 }} />
      <ChangePasswordForm
        submitText={t('password.submitAndContinue')}
        onDone={() => {
          void message.success(t('password.changed'));
          // The guard moves on by itself once the restriction is gone.
          void refresh().catch(() => undefined);
        }}
      />
      <div style={{ textAlign: 'center', marginTop: 16 }}>
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
