import { Button, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { NewPassword } from '@gridwork/contracts';
import { authApi } from '../../api/endpoints';
import { isApiError } from '../../api/client';
import type { ChangePasswordBody } from '../../api/types';
import { useI18n } from '../../i18n';
import { errorText, reportError } from '../../shared/feedback';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Current password, new password twice; field errors from the server land on their field. */
export function ChangePasswordForm({ onDone, submitText }: { onDone: () => void; submitText?: string }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const change = useMutation({
    mutationFn: (body: ChangePasswordBody) => authApi.changePassword(body),
    meta: { silent: true },
    onSuccess: () => {
      form.resetFields();
      onDone();
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'wrong_current_password') {
        form.setFields([{ name: 'currentPassword', errors: [errorText(error)] }]);
      } else if (isApiError(error) && (error.code === 'password_too_weak' || error.code === 'password_reused')) {
        form.setFields([{ name: 'newPassword', errors: [errorText(error)] }]);
      } else {
        reportError(error);
      }
    },
  });

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={(v) => change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword })}
      data-testid="change-password-form"
    >
      <Form.Item
        name="currentPassword"
        label={t('password.current')}
        rules={[{ required: true, message: t('password.currentRequired') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        extra={t('password.policy')}
        rules={[
          { required: true, message: t('password.newRequired') },
          {
            validator: (_rule, value: unknown) =>
              typeof value !== 'string' || value === '' || NewPassword.safeParse(value).success
                ? Promise.resolve()
                : Promise.reject(new Error(t('password.policy'))),
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_rule, value: unknown) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('password.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="change-password-submit">
          {submitText ?? t('password.submit')}
        </Button>
      </Form.Item>
    </Form>
  );
}
