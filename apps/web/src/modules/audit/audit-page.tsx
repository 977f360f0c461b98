import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Empty, Form, Input, Row, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { auditApi } from '../../api/endpoints';
import type { AuditEntry, AuditListQuery, AuditVerifyResult } from '../../api/types';
import { useI18n } from '../../i18n';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { CursorPager } from '../../admin/components/cursor-pager';
import { PageHeader } from '../../admin/components/page-header';
import { RefreshButton } from '../../admin/components/refresh-button';

interface FilterValues {
  action?: string;
  actor?: string;
  entityType?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

type Filters = Pick<AuditListQuery, 'action' | 'actor' | 'entityType' | 'from' | 'to'>;

function toFilters(v: FilterValues): Filters {
  const from = v.range?.[0];
  const to = v.range?.[1];
  return {
    action: v.action?.trim() || undefined,
    actor: v.actor?.trim() || undefined,
    entityType: v.entityType?.trim() || undefined,
    from: from ? from.toISOString() : undefined,
    to: to ? to.toISOString() : undefined,
  };
}

function JsonBlock({ value, label }: { value: unknown; label: string }) {
  const { t } = useI18n();
  return (
    <div>
      <Typography.Text type="secondary">{label}</Typography.Text>
      {value === null || value === undefined ? (
        <div className="gw-json">
          <Typography.Text type="secondary">{t('audit.noValue')}</Typography.Text>
        </div>
      ) : (
        <pre className="gw-json">{JSON.stringify(value, null, 2)}</pre>
      )}
    </div>
  );
}

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  const { t } = useI18n();
  return result.ok ? (
    <Alert
      type="success"
      showIcon
      title={t('audit.verifyOk')}
      description={t('audit.verifyOkDetail', { checked: result.checked })}
      data-testid="audit-verify-result"
      data-ok="true"
      style={{ marginBottom: 16 }}
      closable
    />
  ) : (
    <Alert
      type="error"
      showIcon
      title={t('audit.verifyBroken')}
      description={
        result.firstBrokenSeq === null
          ? t('audit.verifyBrokenDetailUnknown', { checked: result.checked })
          : t('audit.verifyBrokenDetail', { seq: result.firstBrokenSeq, checked: result.checked })
      }
      data-testid="audit-verify-result"
      data-ok="false"
      style={{ marginBottom: 16 }}
    />
  );
}

export function AuditPage() {
  const { t, formatDateTime } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const pager = useCursorPager(50);
  const { limit } = pager;

  const list = useQuery({
    queryKey: ['audit', 'list', { ...filters, limit, cursor: pager.cursor }],
    queryFn: () => auditApi.list({ ...filters, limit, cursor: pager.cursor }),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: auditApi.verify });

  const columns: TableColumnsType<AuditEntry> = [
    { title: '#', dataIndex: 'seq', width: 80, render: (v: number) => <span className="gw-mono">{v}</span> },
    { title: t('audit.at'), dataIndex: 'at', width: 160, render: (v: string) => formatDateTime(v) },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 140,
      render: (v: string | null, e) => v ?? (e.actorId ? <span className="gw-mono">{e.actorId.slice(0, 8)}</span> : <Tag>{t('audit.system')}</Tag>),
    },
    { title: t('audit.action'), dataIndex: 'action', width: 200, render: (v: string) => <Tag color="geekblue">{v}</Tag> },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_v, e) =>
        e.entityType ? (
          <Space size={4} wrap>
            <Typography.Text>{e.entityType}</Typography.Text>
            {e.entityId ? (
              <Typography.Text type="secondary" className="gw-mono" copyable={{ text: e.entityId }}>
                {e.entityId.length > 12 ? `${e.entityId.slice(0, 8)}…` : e.entityId}
              </Typography.Text>
            ) : null}
          </Space>
        ) : (
          '—'
        ),
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 140, render: (v: string | null) => <span className="gw-mono">{v ?? '—'}</span> },
  ];

  const items = list.data?.items ?? [];
  const apply = (values: FilterValues) => {
    setFilters(toFilters(values));
    pager.reset();
  };

  return (
    <div data-testid="audit-page">
      <PageHeader
        title={t('nav.audit')}
        description={t('audit.description')}
        extra={
          <Button
            type="primary"
            icon={<SafetyCertificateOutlined />}
            loading={verify.isPending}
            onClick={() => verify.mutate()}
            data-testid="audit-verify"
          >
            {t('audit.verify')}
          </Button>
        }
      />
      {verify.data ? <VerifyResult result={verify.data} /> : null}
      <Card>
        <Form<FilterValues> form={form} layout="vertical" onFinish={apply} className="gw-filters" data-testid="audit-filters">
          <Row gutter={[12, 0]}>
            <Col xs={24} sm={12} lg={5}>
              <Form.Item name="action" label={t('audit.action')}>
                <Input allowClear placeholder={t('audit.actionPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={5}>
              <Form.Item name="actor" label={t('audit.actor')}>
                <Input allowClear placeholder={t('audit.actorPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item name="entityType" label={t('audit.entityType')}>
                <Input allowClear placeholder={t('audit.entityTypePlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={10}>
              <Form.Item name="range" label={t('audit.range')}>
                <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Space wrap style={{ marginBottom: 16 }}>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                apply({});
              }}
            >
              {t('common.reset')}
            </Button>
            <RefreshButton onRefresh={() => void queryClient.invalidateQueries({ queryKey: ['audit'] })} />
          </Space>
        </Form>
        <Table<AuditEntry>
          rowKey="seq"
          columns={columns}
          dataSource={items}
          loading={list.isFetching}
          pagination={false}
          size="middle"
          scroll={{ x: 900 }}
          data-testid="audit-table"
          expandable={{
            expandedRowRender: (e) => (
              <div data-testid="audit-entry-detail">
                <Row gutter={[16, 12]}>
                  <Col xs={24} lg={12}>
                    <JsonBlock label={t('audit.before')} value={e.before} />
                  </Col>
                  <Col xs={24} lg={12}>
                    <JsonBlock label={t('audit.after')} value={e.after} />
                  </Col>
                </Row>
                <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} className="gw-mono">
                  {t('audit.userAgent')}: {e.userAgent ?? '—'}
                </Typography.Paragraph>
              </div>
            ),
          }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.empty')} /> }}
        />
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} count={items.length} total={list.data?.total} testId="audit-pager" />
      </Card>
    </div>
  );
}
