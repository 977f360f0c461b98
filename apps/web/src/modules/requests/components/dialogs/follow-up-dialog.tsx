import { Form, Input, Radio, Rate } from 'antd';
import type { ServiceRequest } from '../../../../api/requests-types';
import { useI18n } from '../../../../i18n';
import { useRequestLabels } from '../../labels';
import { useRequestTransition } from '../../queries';
import { TransitionModal } from './transition-modal';

interface Values {
  method: 'call' | 'visit';
  satisfaction?: number;
  comment?: string;
}

/** 回访: how the resident was reached and how satisfied they are (1–5). */
export function FollowUpDialog({ request, onClose }: { request: Pick<ServiceRequest, 'id' | 'reference'>; onClose: () => void }) {
  const { t } = useI18n();
  const labels = useRequestLabels();
  const [form] = Form.useForm<Values>();
  const transition = useRequestTransition(request.id, onClose);
  const rateLabels = [1, 2, 3, 4, 5].map((n) => t(`req.rate.${n as 1 | 2 | 3 | 4 | 5}`));
  return (
    <TransitionModal<Values>
      form={form}
      title={t('req.followUpTitle', { reference: request.reference })}
      okText={labels.action('follow-up')}
      submitting={transition.isPending}
      initialValues={{ method: 'call' }}
      onCancel={onClose}
      onFinish={(v) => transition.mutate({ action: 'follow-up', method: v.method, satisfaction: v.satisfaction ?? 0, comment: v.comment?.trim() || null })}
      testId="request-follow-up-form"
    >
      <Form.Item name="method" label={t('req.followUpMethod')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'call', label: t('req.method.call') },
            { value: 'visit', label: t('req.method.visit') },
          ]}
          data-testid="request-follow-up-method"
        />
      </Form.Item>
      <Form.Item name="satisfaction" label={t('req.satisfaction')} rules={[{ required: true, type: 'number', min: 1, message: t('req.satisfactionRequired') }]}>
        <Rate tooltips={rateLabels} data-testid="request-follow-up-rating" />
      </Form.Item>
      <Form.Item name="comment" label={t('req.followUpComment')} rules={[{ max: 500, message: t('form.maxLength', { max: 500 }) }]}>
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('req.followUpCommentPlaceholder')} data-testid="request-follow-up-comment" />
      </Form.Item>
    </TransitionModal>
  );
}
