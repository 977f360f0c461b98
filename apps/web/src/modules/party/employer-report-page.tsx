import { useState } from 'react';
import { App, Button, Card, DatePicker, Space, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { EmployerReport } from '@gridwork/contracts';
import { enrolmentsApi, type EmployerReportFilters } from '../../api/enrolments-endpoints';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../admin/components/page-header';
import { TableEmpty } from '../../admin/components/table-empty';
import { errorText } from '../../shared/feedback';
import { PlaceTreeSelect } from '../places/components/place-tree-select';
import { ENROLMENTS_KEY } from './enrolments-labels';

type Row = EmployerReport['rows'][number];

/** 单位报到统计: per employer unit, the in-service members who enrolled, the hours confirmed in the period and the posts they served. */
export function EmployerReportPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<EmployerReportFilters>({});
  const [exporting, setExporting] = useState(false);
  const report = useQuery({ queryKey: [...ENROLMENTS_KEY, 'employer-report', filters], queryFn: () => enrolmentsApi.employerReport(filters) });

  const download = async () => {
    setExporting(true);
    try {
      await enrolmentsApi.exportEmployerReport(filters);
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<Row> = [
    { title: t('enrol.employer'), dataIndex: 'employer', render: (v: string) => <strong>{v}</strong> },
    { title: t('employer.memberCount'), dataIndex: 'memberCount', width: 110, align: 'right' },
    { title: t('employer.members'), key: 'members', render: (_, r) => r.members.map((m) => m.name).join('、') },
    { title: t('employer.hours'), dataIndex: 'hoursConfirmed', width: 150, align: 'right' },
    { title: t('employer.posts'), key: 'posts', render: (_, r) => (r.posts.length > 0 ? r.posts.map((p) => t('employer.postHours', { title: p.title, hours: p.hours })).join('；') : '—') },
  ];

  return (
    <div data-testid="employer-report-page">
      <PageHeader title={t('nav.employerReport')} description={t('employer.description')} />
      <Card>
        <Space wrap size={12} style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
          <Space wrap size={12}>
            <div style={{ width: 240 }}>
              <PlaceTreeSelect value={filters.communityId} onChange={(v) => setFilters((f) => ({ ...f, communityId: v }))} canPick={(p) => p.type === 'community'} placeholder={t('employer.community')} data-testid="employer-report-community" />
            </div>
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
              onChange={(range) => setFilters((f) => ({ ...f, from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') }))}
            />
          </Space>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void download()} data-testid="employer-report-export">
            {t('employer.export')}
          </Button>
        </Space>
        {report.data ? (
          <Space size={48} style={{ marginBottom: 16 }}>
            <Statistic title={t('employer.totalEmployers')} value={report.data.totals.employers} />
            <Statistic title={t('employer.totalMembers')} value={report.data.totals.members} />
            <Statistic title={t('employer.totalHours')} value={report.data.totals.hoursConfirmed} />
            <Typography.Text type="secondary">{t('employer.period', { from: report.data.from, to: report.data.to })}</Typography.Text>
          </Space>
        ) : null}
        <Table<Row>
          rowKey="employer"
          columns={columns}
          dataSource={report.data?.rows ?? []}
          loading={report.isFetching}
          pagination={false}
          size="middle"
          data-testid="employer-report-table"
          expandable={{
            expandedRowRender: (r) => (
              <Table
                rowKey="memberId"
                size="small"
                pagination={false}
                dataSource={r.members}
                columns={[
                  { title: t('enrol.name'), dataIndex: 'name', width: 120 },
                  { title: t('enrol.homeOrg'), dataIndex: 'homeOrgName', render: (v: string | null) => v ?? '—' },
                  { title: t('employer.enrolledOn'), dataIndex: 'enrolledOn', width: 120 },
                  { title: t('employer.hours'), dataIndex: 'hours', width: 150, align: 'right' },
                ]}
              />
            ),
          }}
          locale={{ emptyText: <TableEmpty text={t('employer.empty')} /> }}
        />
      </Card>
    </div>
  );
}
