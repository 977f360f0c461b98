import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import type { InputRef } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Navigate, useLocation } from 'react-router-dom';
import { authApi } from '../../api/endpoints';
import { isApiError } from '../../api/client';
import type { LoginBody } from '../../api/types';
import { useI18n } from '../../i18n';
import { errorText, reportError } from '../../shared/feedback';
import { useSession } from '../../shared/session';
import { isPathAllowed, landingPath } from '../../admin/nav';
import { restrictionPath } from '../../admin/guards';
import { PageLoading } from '../../admin/components/page-loading';
import { AuthLayout } from './auth-layout';

interface LoginValues {
  username: string;
  password: string;
  totp?: string;
}

function fromOf(state: unknown): string | null {
  if (typeof state === 'object' && state !== null && 'from' in state && typeof state.from === 'string') return state.from;
  return null;
}

export function LoginPage() {
  const { t } = useI18n();
  const session = useSession();
  const location = useLocation();
  const [form] = Form.useForm<LoginValues>();
  const [needTotp, setNeedTotp] = useState(false);
  const [notice, setNotice] = useState<{ type: 'error' | 'info'; text: string } | null>(null);
  const totpRef = useRef<InputRef>(null);

  const login = useMutation({
    mutationFn: (body: LoginBody) => authApi.login(body),
    meta: { silent: true },
    onSuccess: (response) => session.signedIn(response),
    onError: (error) => {
      if (!isApiError(error) || error.status === 0 || error.status >= 500) {
        setNotice({ type: 'error', text: errorText(error) });
        if (!isApiError(error)) reportError(error);
        return;
      }
      if (error.code === 'totp_required') {
        setNeedTotp(true);
        setNotice({ type: 'info', text: errorText(error) });
      } else if (error.code === 'totp_invalid') {
        setNeedTotp(true);
        setNotice(null);
        form.setFields([{ name: 'totp', value: '', errors: [errorText(error)] }]);
      } else {
        setNotice({ type: 'error', text: errorText(error) });
      }
    },
  });

  useEffect(() => {
    if (needTotp) totpRef.current?.focus();
  }, [needTotp]);

  if (session.loading) return <PageLoading fullscreen />;
  if (session.me) {
    if (session.me.restriction) return <Navigate to={restrictionPath(session.me.restriction)} replace />;
    const from = fromOf(location.state);
    const target = from && from !== '/login' && isPathAllowed(session.me.permissions, from) ? from : landingPath(session.me.permissions);
    return <Navigate to={target} replace />;
  }

  const onFinish = (values: LoginValues) => {
    setNotice(null);
    const totp = values.totp?.trim();
    login.mutate({ username: values.username.trim(), password: values.password, ...(needTotp && totp ? { totp } : {}) });
  };

  return (
    <AuthLayout>
      <Form<LoginValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={onFinish}
        autoComplete="on"
        data-testid="login-form"
      >
        {notice ? (
          <Alert
            type={notice.type}
            showIcon
            title={notice.text}
            style={{ marginBottom: 16 }}
            data-testid={notice.type === 'error' ? 'login-error' : 'login-notice'}
          />
        ) : null}
        <Form.Item
          name="username"
          label={t('auth.username')}
          rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
        >
          <Input prefix={<UserOutlined />} size="large" autoComplete="username" placeholder={t('auth.usernamePlaceholder')} />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
          <Input.Password
            prefix={<LockOutlined />}
            size="large"
            autoComplete="current-password"
            placeholder={t('auth.passwordPlaceholder')}
          />
        </Form.Item>
        {needTotp ? (
          <Form.Item
            name="totp"
            label={t('auth.totp')}
            extra={t('auth.totpHelp')}
            rules={[
              { required: true, message: t('auth.totpRequired') },
              { pattern: /^\d{6}$/, message: t('auth.totpFormat') },
            ]}
          >
            <Input
              ref={totpRef}
              prefix={<SafetyOutlined />}
              size="large"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              placeholder="123456"
            />
          </Form.Item>
        ) : null}
        <Form.Item style={{ marginBottom: 0, marginTop: 8 }}>
          <Button type="primary" htmlType="submit" size="large" block loading={login.isPending} data-testid="login-submit">
            {t('auth.signIn')}
          </Button>
        </Form.Item>
      </Form>
    </AuthLayout>
  );
}
