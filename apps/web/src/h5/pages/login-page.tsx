import { useState } from 'react';
import { Button, Form, Input, NoticeBar } from 'antd-mobile';
import { useMutation } from '@tanstack/react-query';
import { Navigate } from 'react-router-dom';
import { authApi } from '../../api/endpoints';
import { isApiError } from '../../api/client';
import type { LoginBody } from '../../api/types';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { useSession } from '../../shared/session';
import { BrandHeader } from '../components/brand-header';
import { Loading } from '../components/loading';
import { LocaleToggle } from '../components/locale-toggle';

interface Values {
  username: string;
  password: string;
  totp?: string;
}

export function LoginPage() {
  const { t } = useI18n();
  const session = useSession();
  const [form] = Form.useForm<Values>();
  const [needTotp, setNeedTotp] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);

  const login = useMutation({
    mutationFn: (body: LoginBody) => authApi.login(body),
    meta: { silent: true },
    onSuccess: (res) => session.signedIn(res),
    onError: (error) => {
      if (isApiError(error) && error.code === 'totp_required') {
        setNeedTotp(true);
        setNotice({ kind: 'info', text: errorText(error) });
      } else if (isApiError(error) && error.code === 'totp_invalid') {
        setNeedTotp(true);
        setNotice({ kind: 'error', text: errorText(error) });
        form.setFieldValue('totp', '');
      } else {
        setNotice({ kind: 'error', text: errorText(error) });
      }
    },
  });

  if (session.loading) return <Loading full />;
  if (session.me) {
    const r = session.me.restriction;
    return <Navigate to={r === 'change_password' ? '/change-password' : r === 'enrol_totp' ? '/totp-enrol' : '/'} replace />;
  }

  const onFinish = (v: Values) => {
    setNotice(null);
    const totp = v.totp?.trim();
    login.mutate({ username: v.username.trim(), password: v.password, ...(needTotp && totp ? { totp } : {}) });
  };

  return (
    <div className="h5-login">
      <div className="h5-login-top">
        <LocaleToggle />
      </div>
      <BrandHeader />
      {notice ? (
        <NoticeBar
          color={notice.kind === 'error' ? 'error' : 'info'}
          content={notice.text}
          wrap
          className="h5-login-notice"
          data-testid={notice.kind === 'error' ? 'login-error' : 'login-notice'}
        />
      ) : null}
      <Form
        form={form}
        layout="horizontal"
        mode="card"
        onFinish={onFinish}
        requiredMarkStyle="none"
        footer={
          <Button block type="submit" color="primary" size="large" loading={login.isPending} data-testid="login-submit">
            {t('auth.signIn')}
          </Button>
        }
      >
        <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, message: t('auth.usernameRequired') }]}>
          <Input placeholder={t('auth.usernamePlaceholder')} clearable autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
          <Input type="password" placeholder={t('auth.passwordPlaceholder')} clearable autoComplete="current-password" />
        </Form.Item>
        {needTotp ? (
          <Form.Item
            name="totp"
            label={t('auth.totp')}
            rules={[
              { required: true, message: t('auth.totpRequired') },
              { pattern: /^\d{6}$/, message: t('auth.totpFormat') },
            ]}
          >
            <Input placeholder="123456" maxLength={6} inputMode="numeric" autoComplete="one-time-code" />
          </Form.Item>
        ) : null}
      </Form>
      <p className="h5-login-foot">{t('app.footer')}</p>
    </div>
  );
}
