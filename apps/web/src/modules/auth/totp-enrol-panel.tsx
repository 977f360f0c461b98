import { useEffect, useRef } from 'react';
import { Alert, Button, Form, Input, QRCode, Space, Steps, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { authApi } from '../../api/endpoints';
import { isApiError } from '../../api/client';
import { useI18n } from '../../i18n';
import { errorText, reportError } from '../../shared/feedback';
import { PageLoading } from '../../admin/components/page-loading';

/**
 * TOTP enrolment: asks the server for a secret, shows it (QR code, secret, otpauth URL),
 * then confirms with a code from the authenticator app.
 */
export function TotpEnrolPanel({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ code: string }>();
  const setup = useMutation({ mutationFn: authApi.totpSetup });
  const confirm = useMutation({
    mutationFn: (code: string) => authApi.totpConfirm(code),
    meta: { silent: true },
    onSuccess: onDone,
    onError: (error) => {
      if (isApiError(error) && error.status < 500 && error.status > 0) {
        form.setFields([{ name: 'code', errors: [errorText(error)] }]);
      } else reportError(error);
    },
  });
  const started = useRef(false);
  const { mutate: startSetup } = setup;
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    startSetup();
  }, [startSetup]);

  if (setup.isPending || setup.isIdle) return <PageLoading />;
  if (setup.isError || !setup.data) {
    return (
      <Alert
        type="error"
        showIcon
        title={errorText(setup.error)}
        action={
          <Button size="small" onClick={() => setup.mutate()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  const { secret, otpauthUrl } = setup.data;
  return (
    <div data-testid="totp-enrol">
      <Steps
        orientation="vertical"
        size="small"
        current={1}
        items={[
          {
            title: t('totp.step1'),
            content: (
              <Space orientation="vertical" size={12} style={{ width: '100%', marginTop: 8 }}>
                <QRCode value={otpauthUrl} size={168} bordered={false} />
                <div>
                  <Typography.Text type="secondary">{t('totp.secret')}</Typography.Text>
                  <Typography.Paragraph copyable={{ text: secret }} style={{ marginBottom: 0 }}>
                    <Typography.Text code data-testid="totp-secret">
                      {secret}
                    </Typography.Text>
                  </Typography.Paragraph>
                </div>
                <div>
                  <Typography.Text type="secondary">{t('totp.url')}</Typography.Text>
                  <Typography.Paragraph copyable={{ text: otpauthUrl }} className="gw-otpauth gw-mono" style={{ marginBottom: 0 }}>
                    <span data-testid="totp-url">{otpauthUrl}</span>
                  </Typography.Paragraph>
                </div>
              </Space>
            ),
          },
          {
            title: t('totp.step2'),
            content: (
              <Form
                form={form}
                layout="inline"
                onFinish={(v) => confirm.mutate(v.code.trim())}
                style={{ marginTop: 8, rowGap: 8 }}
              >
                <Form.Item
                  name="code"
                  rules={[
                    { required: true, message: t('auth.totpRequired') },
                    { pattern: /^\s*\d{6}\s*$/, message: t('auth.totpFormat') },
                  ]}
                >
                  <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder="123456" style={{ width: 140 }} />
                </Form.Item>
                <Form.Item>
                  <Button type="primary" htmlType="submit" loading={confirm.isPending} data-testid="totp-confirm">
                    {t('totp.confirm')}
                  </Button>
                </Form.Item>
              </Form>
            ),
          },
        ]}
      />
    </div>
  );
}
