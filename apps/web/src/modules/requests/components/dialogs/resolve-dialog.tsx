import { App, Form, Input } from 'antd';
import type { ServiceRequest } from '../../../../api/requests-types';
import { useI18n } from '../../../../i18n';
import { useRequestLabels } from '../../labels';
import { useRequestTransition } from '../../queries';
import { PhotoUpload, isUploading, photoIdsOf, type PhotoList } from '../photo-upload';
import { TransitionModal } from './transition-modal';

interface Values {
  result: string;
  photos?: PhotoList;
}

/** 办结: what was done, with photos of the result. */
export function ResolveDialog({ request, onClose }: { request: ServiceRequest; onClose: () => void }) {
  const { t } = useI18n();
  const labels = useRequestLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const transition = useRequestTransition(request.id, onClose);
  const submit = (v: Values) => {
    if (isUploading(v.photos)) {
      void message.warning(t('req.photoUploading'));
      return;
    }
    transition.mutate({ action: 'resolve', result: v.result.trim(), photoIds: photoIdsOf(v.photos) });
  };
  return (
    <TransitionModal<Values>
      form={form}
      title={t('req.resolveTitle', { reference: request.reference })}
      okText={labels.action('resolve')}
      submitting={transition.isPending}
      initialValues={{ photos: [] }}
      onCancel={onClose}
      onFinish={submit}
      testId="request-resolve-form"
    >
      <Form.Item
        name="result"
        label={t('req.result')}
        rules={[
          { required: true, whitespace: true, message: t('req.resultRequired') },
          { min: 2, message: t('req.resultRequired') },
          { max: 2000, message: t('form.maxLength', { max: 2000 }) },
        ]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('req.resultPlaceholder')} data-testid="request-resolve-result" />
      </Form.Item>
      <Form.Item name="photos" label={t('req.resultPhotos')}>
        <PhotoUpload data-testid="request-resolve-photos" />
      </Form.Item>
    </TransitionModal>
  );
}
