import { Alert, Modal, Typography } from 'antd';
import { useI18n } from '../../i18n';

/** Shows a password exactly once (a new account's initial password, a reset password). */
export function OneTimeSecretModal({
  open,
  title,
  subject,
  secret,
  onClose,
}: {
  open: boolean;
  title: string;
  subject: string;
  secret: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={open}
      title={title}
      onOk={onClose}
      onCancel={onClose}
      okText={t('common.gotIt')}
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      destroyOnHidden
      wrapProps={{ 'data-testid': 'one-time-secret-modal' }}
    >
      <Alert type="warning" showIcon title={t('secret.onceWarning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph>
        {t('secret.forAccount')} <Typography.Text strong>{subject}</Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph copyable={{ text: secret }} className="gw-secret" data-testid="one-time-secret">
        <Typography.Text code>{secret}</Typography.Text>
      </Typography.Paragraph>
    </Modal>
  );
}
