import { Card, Empty, QRCode, Space, Spin, Typography } from 'antd';

import { useQuery } from '@tanstack/react-query';
import { eventsApi } from '../../../api/service-endpoints';
import { useI18n } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { RefreshButton } from '../../../admin/components/refresh-button';

/** 签到码: the organiser shows it (as a QR code and as six digits) at the door; it changes every few minutes. */
export function CheckInCodeCard({ eventId }: { eventId: string }) {
  const { t, formatDateTime } = useI18n();
  const code = useQuery({
    queryKey: ['events', 'check-in-code', eventId],
    queryFn: () => eventsApi.checkInCode(eventId),
    meta: { silent: true },
    staleTime: 0,
    // Fetch the next code when this one expires (at most every 5 s, at least every 5 minutes).
    refetchInterval: (q) => {
      const expires = q.state.data ? Date.parse(q.state.data.expiresAt) - Date.now() : 0;
      return Math.min(Math.max(expires + 1000, 5000), 300_000);
    },
  });

  return (
    <Card
      title={t('svc.checkInCode')}
      extra={
        <RefreshButton onRefresh={() => void code.refetch()} size="small" />
      }
      data-testid="event-check-in-code-card"
    >
      {code.isPending ? (
        <Spin />
      ) : code.isError ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={errorText(code.error)} />
      ) : (
        <div className="gw-svc-code-box">
          <QRCode value={code.data.qr} size={176} bordered={false} data-testid="event-check-in-qr" />
          <Space orientation="vertical" size={4}>
            <Typography.Text type="secondary">{t('svc.checkInCodeHint')}</Typography.Text>
            <span className="gw-svc-code" data-testid="event-check-in-code">
              {code.data.code}
            </span>
            <Typography.Text type="secondary">{t('svc.checkInCodeExpires', { time: formatDateTime(code.data.expiresAt) })}</Typography.Text>
          </Space>
        </div>
      )}
    </Card>
  );
}
