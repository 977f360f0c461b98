import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { visitsApi } from '../../../api/endpoints';
import type { VisitMethod } from '../../../api/types';
import { useI18n } from '../../../i18n';
import { VISIT_METHODS, VISIT_METHOD_KEYS } from '../labels';

interface Values {
  visitedAt: Dayjs;
  method: VisitMethod;
  observations: string;
  needsFound?: string;
}

/** 登记走访: when, how, what was seen, needs found. */
export function VisitFormModal({ residentId, residentName, onClose }: { residentId: string; residentName: string; onClose: (saved: boolean) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) =>
      visitsApi.create(residentId, {
        visitedAt: v.visitedAt.format(),
        method: v.method,
        observations: v.observations.trim(),
        needsFound: v.needsFound?.trim() ? v.needsFound.trim() : null,
      }),
    onSuccess: async () => {
      void message.success(t('res.visitSaved'));
      onClose(true);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['visits'] }),
        queryClient.invalidateQueries({ queryKey: ['care-groups', 'dashboard'] }),
      ]);
    },
  });
  return (
    <Modal
      open
      title={t('res.visitTitle', { name: residentName })}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onCancel={() => onClose(false)}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'visit-form-submit' }}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ visitedAt: dayjs(), method: 'home' }}
          clearOnDestroy
          onFinish={(v) => save.mutate(v)}
          data-testid="visit-form"
        >
          {dom}
        </Form>
      )}
    >
      <Form.Item name="visitedAt" label={t('res.visitedAt')} rules={[{ required: true, message: t('res.visitedAtRequired') }]}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="method" label={t('res.visitMethod')}>
        <Select options={VISIT_METHODS.map((m) => ({ value: m, label: t(VISIT_METHOD_KEYS[m]) }))} />
      </Form.Item>
      <Form.Item
        name="observations"
        label={t('res.observations')}
        rules={[
          { required: true, whitespace: true, message: t('res.observationsRequired') },
          { max: 2000, message: t('form.maxLength', { max: 2000 }) },
        ]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('res.observationsPlaceholder')} data-testid="visit-observations" />
      </Form.Item>
      <Form.Item name="needsFound" label={t('res.needsFound')} rules={[{ max: 2000, message: t('form.maxLength', { max: 2000 }) }]}>
        <Input.TextArea rows={2} maxLength={2000} placeholder={t('res.needsFoundPlaceholder')} />
      </Form.Item>
    </Modal>
  );
}
