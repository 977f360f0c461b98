import './requests.css';
import { useMemo, useState } from 'react';
import { App, Button, Card, Empty, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { requestCategoriesApi } from '../../api/requests-endpoints';
import type { RequestCategory, SlaHours, UpsertRequestCategory } from '../../api/requests-types';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../admin/components/page-header';
import { CategoryFormModal, type CategoryValues } from './components/category-form-modal';
import { TriageTag } from './components/request-tags';
import { useRequestLabels } from './labels';
import { CATEGORIES_KEY, useRequestCategories } from './queries';

interface Row extends RequestCategory {
  children?: Row[];
}

function treeOf(categories: readonly RequestCategory[]): Row[] {
  const known = new Set(categories.map((c) => c.id));
  const sorted = [...categories].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
  const build = (parentId: string | null): Row[] =>
    sorted
      .filter((c) => (parentId === null ? c.parentId === null || !known.has(c.parentId) : c.parentId === parentId))
      .map((c) => {
        const children = build(c.id);
        return children.length > 0 ? { ...c, children } : { ...c };
      });
  return build(null);
}

function upsertOf(c: RequestCategory, all: readonly RequestCategory[]): UpsertRequestCategory {
  const parent = c.parentId ? all.find((p) => p.id === c.parentId) : undefined;
  return {
    code: c.code,
    parentCode: parent?.code ?? null,
    name: c.name,
    defaultTriage: c.defaultTriage,
    keywords: c.keywords,
    slaHours: c.slaHours,
    active: c.active,
    sortOrder: c.sortOrder,
  };
}

/** 诉求类别: the category tree with its deadlines (SLA) per urgency and default 三事分流. */
export function CategoriesPage() {
  const { t } = useI18n();
  const labels = useRequestLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const categories = useRequestCategories();
  const all = useMemo(() => categories.data ?? [], [categories.data]);
  const rows = useMemo(() => treeOf(all), [all]);
  const [editing, setEditing] = useState<RequestCategory | 'new' | null>(null);

  const save = useMutation({
    mutationFn: (body: UpsertRequestCategory[]) => requestCategoriesApi.configure(body),
    onSuccess: (saved) => {
      queryClient.setQueryData(CATEGORIES_KEY, saved);
      setEditing(null);
      void message.success(t('common.saved'));
    },
  });

  // The API takes the whole list, so the edited entry replaces its old self (or joins the end).
  const onSave = (v: CategoryValues) => {
    const edited: UpsertRequestCategory = { ...v, code: v.code.trim(), name: v.name.trim(), parentCode: v.parentCode ?? null, keywords: v.keywords.map((k) => k.trim()).filter(Boolean) };
    const others = all.filter((c) => c.code !== edited.code).map((c) => upsertOf(c, all));
    save.mutate([...others, edited]);
  };

  const sla = (key: keyof SlaHours) => (v: SlaHours) => t('req.cat.hoursValue', { n: v[key] });
  const columns: TableColumnsType<Row> = [
    { title: t('req.cat.name'), dataIndex: 'name', width: 200, render: (n: string, c) => (c.active ? n : <span className="gw-req-muted">{n}</span>) },
    { title: t('req.cat.code'), dataIndex: 'code', width: 200, render: (c: string) => <span className="gw-mono">{c}</span> },
    { title: t('req.cat.defaultTriage'), dataIndex: 'defaultTriage', width: 100, render: (_v, c) => <TriageTag triage={c.defaultTriage} /> },
    { title: `${t('req.cat.sla')} · ${labels.urgency('normal')}`, dataIndex: 'slaHours', key: 'normal', width: 110, render: sla('normal') },
    { title: labels.urgency('urgent'), dataIndex: 'slaHours', key: 'urgent', width: 80, render: sla('urgent') },
    { title: labels.urgency('critical'), dataIndex: 'slaHours', key: 'critical', width: 80, render: sla('critical') },
    {
      title: t('req.cat.keywords'),
      dataIndex: 'keywords',
      render: (k: string[]) =>
        k.length === 0 ? (
          <span className="gw-req-muted">—</span>
        ) : (
          <Space size={[0, 4]} wrap>
            {k.map((w) => (
              <Tag key={w}>{w}</Tag>
            ))}
          </Space>
        ),
    },
    { title: t('req.cat.active'), dataIndex: 'active', width: 80, render: (v: boolean) => (v ? <Tag color="success">{t('req.cat.on')}</Tag> : <Tag>{t('req.cat.off')}</Tag>) },
    { title: t('req.cat.sortOrder'), dataIndex: 'sortOrder', width: 70, align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_v, c) => (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(c)} data-testid="category-edit">
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="request-categories">
      <PageHeader
        title={t('nav.requestCategories')}
        description={t('req.cat.description')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="category-create">
            {t('req.cat.create')}
          </Button>
        }
      />
      <Card>
        <Table<Row>
          // Remounted once loaded so that every branch starts expanded.
          key={categories.isPending ? 'loading' : 'ready'}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={categories.isPending}
          pagination={false}
          expandable={{ defaultExpandAllRows: true }}
          scroll={{ x: 1100 }}
          data-testid="category-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('req.cat.empty')} /> }}
        />
      </Card>
      {editing ? (
        <CategoryFormModal category={editing === 'new' ? null : editing} categories={all} saving={save.isPending} onCancel={() => setEditing(null)} onSave={onSave} />
      ) : null}
    </div>
  );
}
