import './residents.css';
import { useEffect } from 'react';
import { Card, Empty, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { placesApi, visitsApi } from '../../api/endpoints';
import type { Visit } from '../../api/types';
import { useI18n } from '../../i18n';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { CursorPager } from '../../admin/components/cursor-pager';
import { PageHeader } from '../../admin/components/page-header';
import { PlaceTreeSelect } from '../places/components/place-tree-select';
import { VISIT_METHOD_KEYS } from './labels';

/** 走访记录: the visit log of a place (grid, community, building…), newest first. */
export function VisitsPage() {
  const { t, formatDateTime } = useI18n();
  const [params, setParams] = useSearchParams();
  const placeId = params.get('placeId') ?? undefined;
  const pager = useCursorPager(20);
  const { limit } = pager;
  const roots = useQuery({ queryKey: ['places', 'roots'], queryFn: placesApi.roots });

  useEffect(() => {
    if (placeId || !roots.data?.[0]) return;
    setParams({ placeId: roots.data[0].id }, { replace: true });
  }, [placeId, roots.data, setParams]);

  const list = useQuery({
    queryKey: ['visits', 'list', { placeId, limit, cursor: pager.cursor }],
    queryFn: () => visitsApi.list({ placeId, limit, cursor: pager.cursor }),
    enabled: Boolean(placeId),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<Visit> = [
    { title: t('res.visitedAt'), dataIndex: 'visitedAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: t('res.resident'),
      dataIndex: 'residentName',
      width: 110,
      render: (name: string, v) => <Link to={`/residents/${v.residentId}`}>{name}</Link>,
    },
    { title: t('res.visitMethod'), dataIndex: 'method', width: 90, render: (m: Visit['method']) => <Tag>{t(VISIT_METHOD_KEYS[m])}</Tag> },
    { title: t('res.visitor'), dataIndex: 'visitorName', width: 110 },
    {
      title: t('res.observations'),
      dataIndex: 'observations',
      render: (v: string) => <Typography.Paragraph ellipsis={{ rows: 2, expandable: 'collapsible' }} className="gw-cell-paragraph">{v}</Typography.Paragraph>,
    },
    {
      title: t('res.needsFound'),
      dataIndex: 'needsFound',
      width: 240,
      render: (v: string | null) =>
        v ? (
          <Typography.Paragraph ellipsis={{ rows: 2, expandable: 'collapsible' }} className="gw-cell-paragraph" type="warning">
            {v}
          </Typography.Paragraph>
        ) : (
          '—'
        ),
    },
  ];

  const items = list.data?.items ?? [];
  return (
    <div data-testid="visits-page">
      <PageHeader
        title={t('nav.visits')}
        description={t('res.visitsDescription')}
        extra={
          <div style={{ width: 280 }}>
            <PlaceTreeSelect
              value={placeId}
              onChange={(v) => {
                setParams(v ? { placeId: v } : {}, { replace: true });
                pager.reset();
              }}
              placeholder={t('res.filterPlace')}
              data-testid="visits-place"
            />
          </div>
        }
      />
      <Card>
        <Table<Visit>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 960 }}
          size="middle"
          data-testid="visit-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={placeId ? t('res.noVisits') : t('res.filterPlace')} /> }}
        />
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} count={items.length} total={list.data?.total} testId="visit-pager" />
      </Card>
    </div>
  );
}
