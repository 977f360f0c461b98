import { useState } from 'react';
import { App, Button, Card, DatePicker, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { CompletenessReport } from '@gridwork/contracts';
import { orgLifeApi } from '../../api/org-life-endpoints';
import { PageHeader } from '../../admin/components/page-header';
import { TableEmpty } from '../../admin/components/table-empty';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { useSession } from '../../shared/session';
import { OrgLifeFrequenciesModal } from './org-life-frequencies-modal';
import { orgLifeLabels } from './org-life-labels';
import { PartyOrgSelect } from './party-org-pickers';
import { SESSION_ORG_TYPES } from './org-life-labels';
import { ORG_LIFE_KEY } from './org-life-session-form-modal';

type ReportOrg = CompletenessReport['orgs'][number];
type ReportLine = ReportOrg['lines'][number];
interface Row extends ReportLine {
  key: string;
  org: ReportOrg;
  /** Rows of the same org share its name and rate cells. */
  span: number;
}

/** 组织生活完成情况: per branch and group, each required type, period by period; short periods in red. */
export function OrgLifeCompletenessPage() {
  const { t, locale, partyOrgTypeLabel } = useI18n();
  const labels = orgLifeLabels(locale);
  const { can } = useSession();
  const { message } = App.useApp();
  const [year, setYear] = useState(dayjs().year());
  const [orgId, setOrgId] = useState<string | undefined>();
  const [configuring, setConfiguring] = useState(false);
  const report = useQuery({ queryKey: [...ORG_LIFE_KEY, 'completeness', year, orgId ?? ''], queryFn: () => orgLifeApi.completeness({ year, orgId }), placeholderData: keepPreviousData });
  const exporting = useMutation({
    meta: { silent: true },
    mutationFn: () => orgLifeApi.exportXlsx({ orgId, from: `${year}-01-01`, to: `${year}-12-31` }),
    onSuccess: () => void message.success(t('orgLife.exported')),
    onError: (e) => void message.error(errorText(e)),
  });

  const rows: Row[] = (report.data?.orgs ?? []).flatMap((org) => org.lines.map((line, index) => ({ ...line, key: `${org.orgId}:${line.type}`, org, span: index === 0 ? org.lines.length : 0 })));
  const columns: TableColumnsType<Row> = [
    {
      title: t('orgLife.reportOrg'),
      key: 'org',
      width: 200,
      fixed: 'left',
      onCell: (r) => ({ rowSpan: r.span }),
      render: (_v, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{r.org.orgName}</Typography.Text>
          <Typography.Text type="secondary">{partyOrgTypeLabel(r.org.orgType)}</Typography.Text>
        </Space>
      ),
    },
    { title: t('orgLife.reportType'), dataIndex: 'type', width: 120, render: (v: ReportLine['type']) => labels.type(v) },
    { title: t('orgLife.reportRequirement'), key: 'req', width: 110, render: (_v, r) => t('orgLife.requirement', { period: labels.period(r.period), count: r.requiredCount }) },
    {
      title: t('orgLife.reportPeriods'),
      key: 'periods',
      render: (_v, r) => (
        <Space size={[4, 4]} wrap>
          {r.periods.map((p) => {
            const params = { label: p.label, held: p.held, required: p.required };
            const text = t(p.missing ? 'orgLife.periodMissing' : p.open ? 'orgLife.periodOpen' : 'orgLife.periodOk', params);
            return (
              <Tooltip key={p.label} title={text}>
                <Tag color={p.missing ? 'red' : p.open ? 'default' : 'green'} data-testid={p.missing ? 'org-life-period-missing' : 'org-life-period'}>
                  {`${p.label.replace(/^\d{4}-?/, '') || p.label} ${p.held}/${p.required}`}
                </Tag>
              </Tooltip>
            );
          })}
        </Space>
      ),
    },
    { title: t('orgLife.reportTotal'), key: 'total', width: 90, align: 'right', render: (_v, r) => `${r.heldTotal}/${r.requiredTotal}` },
    {
      title: t('orgLife.reportMissing'),
      dataIndex: 'missingPeriods',
      width: 90,
      align: 'right',
      render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
    },
    {
      title: t('orgLife.reportRate'),
      key: 'rate',
      width: 90,
      align: 'right',
      onCell: (r) => ({ rowSpan: r.span }),
      render: (_v, r) => (r.org.attendanceRate === null ? t('orgLife.noRate') : `${Math.round(r.org.attendanceRate * 100)}%`),
    },
  ];

  return (
    <div data-testid="org-life-completeness-page">
      <PageHeader
        title={t('nav.orgLifeCompleteness')}
        description={t('orgLife.completenessDescription')}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid="org-life-completeness-export">
              {t('orgLife.export')}
            </Button>
            {can('org-life.write') ? (
              <Button icon={<SettingOutlined />} onClick={() => setConfiguring(true)} data-testid="org-life-frequencies-open">
                {t('orgLife.frequencies')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <DatePicker picker="year" allowClear={false} value={dayjs(`${year}-01-01`)} onChange={(d) => d && setYear(d.year())} data-testid="org-life-year" />
          <PartyOrgSelect types={SESSION_ORG_TYPES} allowClear value={orgId} onChange={setOrgId} placeholder={t('orgLife.filterOrg')} width={260} />
        </Space>
        <Table<Row>
          rowKey="key"
          columns={columns}
          dataSource={rows}
          loading={report.isFetching}
          pagination={false}
          bordered
          size="small"
          scroll={{ x: 1200 }}
          data-testid="org-life-completeness"
          locale={{ emptyText: <TableEmpty text={t('orgLife.reportEmpty')} /> }}
        />
      </Card>
      <OrgLifeFrequenciesModal open={configuring} onClose={() => setConfiguring(false)} />
    </div>
  );
}
