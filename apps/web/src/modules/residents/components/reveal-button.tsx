import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Tooltip } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { residentsApi } from '../../../api/endpoints';
import type { RevealableField } from '../../../api/types';
import { useI18n } from '../../../i18n';

/**
 * 查看: asks why the full value is needed, then shows it. Every reveal is written to the
 * audit log by the server.
 */
export function RevealButton({
  residentId,
  field,
  fieldLabel,
  onRevealed,
}: {
  residentId: string;
  field: RevealableField;
  fieldLabel: string;
  onRevealed: (value: string | null) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useMutation({
    mutationFn: (reason: string) => residentsApi.reveal(residentId, field, reason),
    onSuccess: (res) => {
      setOpen(false);
      onRevealed(res.value);
    },
  });
  return (
    <>
      <Tooltip title={t('res.revealTooltip')}>
        <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid={`resident-reveal-${field}`}>
          {t('res.reveal')}
        </Button>
      </Tooltip>
      <Modal
        open={open}
        title={t('res.revealTitle', { field: fieldLabel })}
        okText={t('res.revealConfirm')}
        cancelText={t('common.cancel')}
        confirmLoading={reveal.isPending}
        onCancel={() => setOpen(false)}
        okButtonProps={{ htmlType: 'submit', 'data-testid': 'reveal-confirm' }}
        destroyOnHidden
        modalRender={(dom) => (
          <Form form={form} layout="vertical" clearOnDestroy onFinish={(v) => reveal.mutate(v.reason.trim())} data-testid="reveal-form">
            {dom}
          </Form>
        )}
      >
        <Alert type="warning" showIcon className="gw-form-alert" title={t('res.revealWarning')} />
        <Form.Item
          name="reason"
          label={t('res.revealReason')}
          rules={[
            { required: true, whitespace: true, message: t('res.revealReasonRequired') },
            { min: 2, message: t('res.revealReasonRequired') },
            { max: 200, message: t('form.maxLength', { max: 200 }) },
          ]}
        >
          <Input.TextArea rows={2} maxLength={200} placeholder={t('res.revealReasonPlaceholder')} data-testid="reveal-reason" autoFocus />
        </Form.Item>
      </Modal>
    </>
  );
}
