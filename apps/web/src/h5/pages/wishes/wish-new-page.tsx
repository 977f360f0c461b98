import { Button, Form, Input, TextArea, Toast } from 'antd-mobile';
import type { Rule } from 'antd-mobile/es/components/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { wishesApi } from '../../../api/requests-endpoints';
import { useI18n } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { SubPage } from '../../components/sub-page';
import { useIdempotencyKey } from '../../components/use-idempotency-key';

interface Values {
  title: string;
  description: string;
  beneficiary: string;
}

/** Trimmed length between min and max, with one message for both ends. */
function lengthRule(min: number, max: number, message: string): Rule {
  return {
    validator: async (_, value: string | undefined) => {
      const length = (value ?? '').trim().length;
      if (length < min || length > max) throw new Error(message);
    },
  };
}

/** 发布心愿: what is wished for, and for whom (a surname and a title, not a full name). */
export function WishNewPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const idempotency = useIdempotencyKey();
  const post = useMutation({
    mutationFn: (v: Values) =>
      wishesApi.create({ title: v.title.trim(), description: v.description.trim(), beneficiary: v.beneficiary.trim() }, idempotency.key),
    meta: { silent: true },
    onSuccess: async () => {
      Toast.show({ icon: 'success', content: t('h5w.posted') });
      await queryClient.invalidateQueries({ queryKey: ['wishes'] });
      navigate('/wishes?tab=posted', { replace: true });
    },
    onError: (error) => {
      idempotency.afterError(error);
      Toast.show({ icon: 'fail', content: errorText(error), duration: 3000 });
    },
  });

  return (
    <SubPage title={t('h5w.newTitle')} fallback="/wishes" testId="h5-wish-new">
      <Form
        form={form}
        layout="vertical"
        mode="card"
        onFinish={(v) => {
          if (!post.isPending) post.mutate(v);
        }}
        footer={
          <Button block type="submit" color="primary" size="large" loading={post.isPending} disabled={post.isPending} data-testid="h5-wish-submit">
            {t('h5w.submit')}
          </Button>
        }
        data-testid="h5-wish-form"
      >
        <Form.Item
          name="title"
          label={t('h5w.wishTitle')}
          validateFirst
          rules={[{ required: true, whitespace: true, message: t('h5w.wishTitleRequired') }, lengthRule(2, 40, t('h5w.wishTitleLength'))]}
        >
          <Input placeholder={t('h5w.wishTitlePlaceholder')} maxLength={40} clearable data-testid="h5-wish-title" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('h5w.description')}
          validateFirst
          rules={[{ required: true, whitespace: true, message: t('h5w.descriptionRequired') }, lengthRule(5, 500, t('h5w.descriptionLength'))]}
        >
          <TextArea rows={4} maxLength={500} showCount placeholder={t('h5w.descriptionPlaceholder')} data-testid="h5-wish-description" />
        </Form.Item>
        <Form.Item
          name="beneficiary"
          label={t('h5w.beneficiary')}
          description={t('h5w.beneficiaryHint')}
          rules={[{ required: true, whitespace: true, message: t('h5w.beneficiaryRequired') }]}
        >
          <Input placeholder={t('h5w.beneficiaryPlaceholder')} maxLength={20} clearable data-testid="h5-wish-beneficiary" />
        </Form.Item>
      </Form>
    </SubPage>
  );
}
