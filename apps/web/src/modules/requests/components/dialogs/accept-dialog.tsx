import { Alert, Form, Input, Radio, Spin } from 'antd';
import { TRIAGES } from '@gridwork/contracts';
import type { ServiceRequest, Triage } from '../../../../api/requests-types';
import { useI18n } from '../../../../i18n';
import { useRequestLabels } from '../../labels';
import { useRequestTransition, useTriageSuggestion } from '../../queries';
import { TransitionModal } from './transition-modal';

interface Values {
  triage?: Triage;
  note?: string;
}

/** 受理: confirm (or change) the 三事分流 the system suggested, then accept. */
export function AcceptDialog({ request, onClose }: { request: ServiceRequest; onClose: () => void }) {
  const { t } = useI18n();
  const labels = useRequestLabels();
  const [form] = Form.useForm<Values>();
  const suggestion = useTriageSuggestion(request.category, request.description);
  const transition = useRequestTransition(request.id, onClose);
  return (
    <TransitionModal<Values>
      form={form}
      title={t('req.acceptTitle', { reference: request.reference })}
      okText={labels.action('accept')}
      submitting={transition.isPending}
      initialValues={{ triage: request.triage }}
      onCancel={onClose}
      onFinish={(v) => transition.mutate({ action: 'accept', triage: v.triage, note: v.note?.trim() || undefined })}
      testId="request-accept-form"
    >
      {suggestion.isPending ? (
        <Spin size="small" className="gw-req-dialog-alert" />
      ) : suggestion.data ? (
        <Alert
          type="info"
          showIcon
          className="gw-req-dialog-alert"
          title={t('req.suggestionTitle', { triage: labels.triage(suggestion.data.triage) })}
          description={suggestion.data.reason}
          data-testid="request-triage-suggestion"
        />
      ) : null}
      <Form.Item name="triage" label={t('req.triageConfirm')} rules={[{ required: true, message: t('req.triageRequired') }]}>
        <Radio.Group optionType="button" options={TRIAGES.map((x) => ({ value: x, label: labels.triage(x) }))} data-testid="request-accept-triage" />
      </Form.Item>
      <Form.Item name="note" label={t('req.note')} rules={[{ max: 1000, message: t('form.maxLength', { max: 1000 }) }]}>
        <Input.TextArea rows={2} maxLength={1000} placeholder={t('form.optional')} />
      </Form.Item>
    </TransitionModal>
  );
}
