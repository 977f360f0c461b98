import { App, Button, Descriptions, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { pointsApi } from '../../../api/service-endpoints';
import type { LedgerCheck } from '../../../api/service-types';
import { useI18n } from '../../../i18n';

/** 账本核对: every balance equals the sum of its postings and every transaction sums to zero — run now, shown in a dialog. */
export function LedgerCheckButton() {
  const { t, formatDateTime } = useI18n();
  const { modal } = App.useApp();
  const check = useMutation({
    mutationFn: pointsApi.check,
    onSuccess: (r: LedgerCheck) => {
      const open = r.ok ? modal.success : modal.error;
      open({
        title: r.ok ? t('pts.checkOk') : t('pts.checkFailed'),
        width: 520,
        okText: t('common.ok'),
        content: (
          <Descriptions column={1} size="small" data-testid="points-check-result">
            <Descriptions.Item label={t('pts.checkAccounts')}>{r.accounts}</Descriptions.Item>
            <Descriptions.Item label={t('pts.checkTransactions')}>{r.transactions}</Descriptions.Item>
            <Descriptions.Item label={t('pts.checkMismatched')}>
              {r.mismatchedAccounts.length === 0 ? 0 : <Typography.Text type="danger">{r.mismatchedAccounts.join(', ')}</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label={t('pts.checkUnbalanced')}>
              {r.unbalancedTransactions.length === 0 ? 0 : <Typography.Text type="danger">{r.unbalancedTransactions.join(', ')}</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label={t('pts.checkAt')}>{formatDateTime(r.checkedAt)}</Descriptions.Item>
          </Descriptions>
        ),
      });
    },
  });
  return (
    <Button icon={<SafetyCertificateOutlined />} loading={check.isPending} onClick={() => check.mutate()} data-testid="points-check">
      {t('pts.check')}
    </Button>
  );
}
