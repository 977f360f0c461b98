import { useMemo } from 'react';
import { Card, DatePicker, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import type { PartyAnniversary } from '@gridwork/contracts';
import { partyMembersApi } from '../../api/party-members-endpoints';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../admin/components/page-header';
import { TableEmpty } from '../../admin/components/table-empty';
import { PARTY_MEMBERS_KEY } from './party-member-labels';
import { PartyOrgTreeSelect } from './party-org-pickers';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** 政治生日: the members whose party anniversary falls in a month (the coming one by default), per org. */
export function PartyAnniversariesPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const monthParam = params.get('month');
  const month = monthParam && MONTH.test(monthParam) ? monthParam : undefined;
  const orgId = params.get('orgId') || undefined;
  const query = useMemo(() => ({ month, orgId }), [month, orgId]);
  const list = useQuery({ queryKey: [...PARTY_MEMBERS_KEY, 'anniversaries', query], queryFn: () => partyMembersApi.anniversaries(query) });
  const shownMonth = list.data?.month ?? month ?? '';

  const update = (key: 'month' | 'orgId', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<PartyAnniversary> = [
    { title: t('pa.date'), dataIndex: 'date', width: 120 },
    { title: t('pm.name'), dataIndex: 'name', width: 120, render: (name: string, a) => <Link to={`/party/members/${a.memberId}`}>{name}</Link> },
    { title: t('pm.org'), dataIndex: 'orgName', render: (v: string | null) => v ?? '—' },
    { title: t('pa.joinedOn'), dataIndex: 'joinedOn', width: 120 },
    { title: t('pa.years'), dataIndex: 'years', width: 110, align: 'right', render: (y: number) => <strong>{t('pa.yearsValue', { years: y })}</strong> },
  ];

  return (
    <div data-testid="party-anniversaries-page">
      <PageHeader title={t('nav.partyAnniversaries')} description={t('pa.description')} />
      <Card>
        <Space wrap size={12} style={{ marginBottom: 16 }}>
          <DatePicker
            picker="month"
            allowClear={false}
            value={shownMonth ? dayjs(`${shownMonth}-01`) : null}
            onChange={(d) => update('month', d ? d.format('YYYY-MM') : undefined)}
            placeholder={t('pa.month')}
            data-testid="party-anniversaries-month"
          />
          <PartyOrgTreeSelect withMemberCounts allowClear width={280} value={orgId} onChange={(v) => update('orgId', v)} placeholder={t('pa.org')} testId="party-anniversaries-org" />
          {list.data ? <Typography.Text type="secondary">{t('pa.summary', { month: shownMonth, count: list.data.items.length })}</Typography.Text> : null}
        </Space>
        <Table<PartyAnniversary>
          rowKey="memberId"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          size="middle"
          data-testid="party-anniversaries-table"
          locale={{ emptyText: <TableEmpty text={t('pa.empty', { month: shownMonth })} /> }}
        />
      </Card>
    </div>
  );
}
