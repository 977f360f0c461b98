import { useEffect, useRef } from 'react';
import { Button, ErrorBlock, Form, Input, List, NavBar, NoticeBar, Toast } from 'antd-mobile';
import { useMutation } from '@tanstack/react-query';
import { authApi } from '../../api/endpoints';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { useSession } from '../../shared/session';
import { Loading } from '../components/loading';

export function TotpPage() {
  const { t } = useI18n();
  const { refresh, logout } = useSession();
  const setup = useMutation({ mutationFn: authApi.totpSetup });
  const confirm = useMutation({
    mutationFn: (code: string) => authApi.totpConfirm(code),
    onSuccess: () => {
      Toast.show({ icon: 'success', content: t('totp.enabled') });
      void refresh().catch(() => undefined);
    },
  });
  const started = useRef(false);
  const { mutate: start } = setup;
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    start();
  }, [start]);

  return (
    <div className="h5-app">
      <NavBar back={null} right={<button type="button" className="h5-locale" onClick={() => void logout()}>{t('header.logout')}</button>}>
        {t('totp.forcedTitle')}
      </NavBar>
      <main className="h5-main">
        <NoticeBar color="alert" content={t('totp.forcedDetail')} wrap />
        {setup.isPending || setup.isIdle ? (
          <Loading />
        ) : setup.isError ? (
          <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(setup.error)} />
        ) : (
          <>
            <List mode="card" header={<span className="h5-section-title">{t('totp.step1')}</span>}>
              <List.Item description={<span className="h5-mono" data-testid="totp-secret">{setup.data.secret}</span>}>{t('totp.secret')}</List.Item>
              <List.Item description={<span className="h5-mono h5-break" data-testid="totp-url">{setup.data.otpauthUrl}</span>}>{t('totp.url')}</List.Item>
            </List>
            <Form
              mode="card"
              onFinish={(v: { code: string }) => confirm.mutate(v.code.trim())}
              footer={
                <Button block type="submit" color="primary" size="large" loading={confirm.isPending}>
                  {t('totp.confirm')}
                </Button>
              }
            >
              <Form.Header>{t('totp.step2')}</Form.Header>
              <Form.Item
                name="code"
                label={t('auth.totp')}
                rules={[
                  { required: true, message: t('auth.totpRequired') },
                  { pattern: /^\s*\d{6}\s*$/, message: t('auth.totpFormat') },
                ]}
              >
                <Input inputMode="numeric" maxLength={6} placeholder="123456" autoComplete="one-time-code" />
              </Form.Item>
            </Form>
          </>
        )}
      </main>
    </div>
  );
}
