import './requests.css';
import { useCallback, useMemo, useState } from 'react';
import { App, Button, Card, Space, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { requestsApi } from '../../api/requests-endpoints';
import type { RequestLiveEvent } from '../../api/requests-types';
import { useI18n } from '../../i18n';
import { reportError } from '../../shared/feedback';
import { useSession } from '../../shared/session';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { CursorPager } from '../../admin/components/cursor-pager';
import { PageHeader } from '../../admin/components/page-header';
import { RequestFilterBar, filtersOf, isFiltered, listQueryOf, paramsOf, type RequestFilters } from './components/request-filters';
import { RequestFormModal } from './components/request-form-modal';
import { RequestTable } from './components/request-table';
import { useRequestLive } from './live';
import { REQUEST_LISTS_KEY } from './queries';

/** 诉求台账: every request in the user's scope, filtered, newest first, live. */
export function RegisterPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const { message, notification } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const pager = useCursorPager(20);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);

  const query = { ...listQueryOf(filters), limit: pager.limit, cursor: pager.cursor };
  const list = useQuery({ queryKey: [...REQUEST_LISTS_KEY, 'register', query], queryFn: () => requestsApi.list(query), placeholderData: keepPreviousData });

  const onCreated = useCallback(
    (event: RequestLiveEvent) => {
      notification.info({
        key: `request-live-${event.id}`,
        title: t('req.liveArrived'),
        description: (
          <Typography.Link onClick={() => navigate(`/requests/${event.id}`)} className="gw-mono" data-testid="request-live-link">
            {event.reference}
          </Typography.Link>
        ),
        placement: 'bottomRight',
        duration: 6,
        props: { 'data-testid': 'request-live-notice' },
      });
    },
    [notification, navigate, t],
  );
  useRequestLive(onCreated);

  const apply = (next: RequestFilters) => {
    setParams(paramsOf(next), { replace: true });
    pager.reset();
  };

  // Exports the filters in the address bar (what the table shows), every page of them.
  const onExport = async () => {
    setExporting(true);
    try {
      await requestsApi.exportXlsx(listQueryOf(filters));
      void message.success(t('req.exportStarted'));
    } catch (error) {
      reportError(error);
    } finally {
      setExporting(false);
    }
  };

  const items = list.data?.items ?? [];
  const filtered = isFiltered(filters);

  return (
    <div data-testid="request-register">
      <PageHeader
        title={t('nav.requests')}
        description={t('req.registerDescription')}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} onClick={() => void onExport()} loading={exporting} data-testid="request-export">
              {t('req.export')}
            </Button>
            {can('request.create') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="request-create">
                {t('req.create')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card>
        <RequestFilterBar value={filters} onApply={apply} onRefresh={() => void queryClient.invalidateQueries({ queryKey: REQUEST_LISTS_KEY })} />
        <RequestTable
          items={items}
          loading={list.isFetching}
          empty={
            <Space orientation="vertical" size={4}>
              <Typography.Text>{filtered ? t('req.noMatch') : t('req.empty')}</Typography.Text>
              {!filtered && can('request.create') ? <Typography.Text type="secondary">{t('req.emptyHint')}</Typography.Text> : null}
            </Space>
          }
        />
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} count={items.length} total={list.data?.total} testId="request-pager" />
      </Card>
      {creating ? (
        <RequestFormModal
          onClose={(created) => {
            setCreating(false);
            if (created) navigate(`/requests/${created.id}`);
          }}
        />
      ) : null}
    </div>
  );
}
