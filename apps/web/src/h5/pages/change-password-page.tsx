import { Button, Form, Input, NavBar, NoticeBar, Toast } from 'antd-mobile';
import { useMutation } from '@tanstack/react-query';
import { NewPassword } from '@gridwork/contracts';
import { authApi } from '../../api/endpoints';
import type { ChangePasswordBody } from '../../api/types';
import { useI18n } from '../../i18n';
import { useSession } from '../../shared/session';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordPage() {
  const { t } = useI18n();
  const { refresh, logout } = useSession();
  const [form] = Form.useForm<Values>();
  const change = useMutation({
    mutationFn: (body: ChangePasswordBody) => authApi.changePassword(body),
    onSuccess: () => {
      Toast.show({ icon: 'success', content: t('password.changed') });
      void refresh().catch(() => undefined);
    },
  });
  return (
    <div className="h5-app">
      <NavBar back={null} right={<button type="button" className="h5-locale" onClick={() => void logout()}>{t('header.logout')}</button>}>
        {t('password.forcedTitle')}
      </NavBar>
      <main className="h5-main">
        <NoticeBar color="alert" content={t('password.forcedDetail')} wrap />
        <Form
          form={form}
          mode="card"
          onFinish={(v: Values) => change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword })}
          footer={
            <Button block type="submit" color="primary" size="large" loading={change.isPending}>
              {t('password.submitAndContinue')}
            </Button>
          }
        >
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
            <Input type="password" autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            help={t('password.policy')}
            rules={[
              { required: true, message: t('password.newRequired') },
              {
                validator: (_r, value: unknown) =>
                  typeof value !== 'string' || value === '' || NewPassword.safeParse(value).success
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.policy'))),
              },
            ]}
          >
            <Input type="password" autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('password.confirmRequired') },
              {
                validator: (_r, value: unknown) =>
                  !value || value === form.getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
              },
            ]}
          >
            <Input type="password" autoComplete="new-password" />
          </Form.Item>
        </Form>
      </main>
    </div>
  );
}
