import { Card, Descriptions, Empty, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { councilsApi } from '../../api/councils-endpoints';
import { useI18n } from '../../i18n';
import { COUNCIL_KEY } from './council-dialogs';
import { CouncilStatusTag } from './council-status-tag';

/** A major request's place on the council agenda, shown on the request's page. */
export function CouncilPanel({ requestId }: { requestId: string }) {
  const { t, formatDateTime } = useI18n();
  // A request that is not on the agenda answers 404: that is the empty state here, not an error.
  const agenda = useQuery({ queryKey: [...COUNCIL_KEY, 'request', requestId], queryFn: () => councilsApi.list({ requestId, limit: 1 }).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return { items: [], nextCursor: null };
        throw error;
      }), retry: false });
  const item = agenda.data?.items[0];
  if (agenda.isPending) return null;
  const items: DescriptionsProps['items'] = item
    ? [
        { key: 'status', label: t('council.status'), children: <CouncilStatusTag status={item.status} /> },
        { key: 'meetingOn', label: t('council.meetingOn'), children: item.meetingOn ?? '—' },
        { key: 'decision', label: t('council.decision'), span: 'filled', children: item.decision ? <div className="gw-req-prewrap">{item.decision}</div> : '—' },
        ...(item.decidedAt ? [{ key: 'decidedBy', label: t('council.decidedBy'), children: `${item.decidedBy ?? ''} · ${formatDateTime(item.decidedAt)}` }] : []),
        ...(item.withdrawnReason ? [{ key: 'withdrawn', label: t('council.withdrawnReason'), children: item.withdrawnReason }] : []),
      ]
    : [];
  return (
    <Card title={t('council.panelTitle')} className="gw-req-gap" extra={item ? <Link to="/requests/council">{t('nav.councilAgenda')}</Link> : null} data-testid="request-council">
      {item ? <Descriptions items={items} column={{ xs: 1, sm: 2 }} size="small" bordered /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Typography.Text type="secondary">{t('council.panelEmpty')}</Typography.Text>} />}
    </Card>
  );
}
