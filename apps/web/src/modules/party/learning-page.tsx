import { useState } from 'react';
import { Button, Card, Input, Space, Table, Tabs, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { StudyMaterial } from '@gridwork/contracts';
import { learningApi } from '../../api/learning-endpoints';
import { CursorPager } from '../../admin/components/cursor-pager';
import { PageHeader } from '../../admin/components/page-header';
import { TableEmpty } from '../../admin/components/table-empty';
import { useI18n } from '../../i18n';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { LearningLeaderboard } from './learning-leaderboard';
import { LEARNING_KEY, LearningMaterialFormModal } from './learning-material-form-modal';
import { PartyOrgSelect } from './party-org-pickers';
import { LearningRosterDrawer } from './learning-roster-drawer';

/** /party/learning: study materials (publish, edit, who studied, 送学上门) and the 学习之星 board. */
export function LearningPage() {
  const { t } = useI18n();
  return (
    <div data-testid="learning-page">
      <PageHeader title={t('nav.learning')} description={t('learning.description')} />
      <Card>
        <Tabs
          items={[
            { key: 'materials', label: t('learning.tabMaterials'), children: <MaterialsTab /> },
            { key: 'stars', label: t('learning.tabLeaderboard'), children: <LearningLeaderboard /> },
          ]}
        />
      </Card>
    </div>
  );
}

function MaterialsTab() {
  const { t, formatDateTime } = useI18n();
  const pager = useCursorPager(20);
  const [orgId, setOrgId] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const [editing, setEditing] = useState<StudyMaterial | null | 'new'>(null);
  const [roster, setRoster] = useState<StudyMaterial | null>(null);
  const query = { orgId, q, limit: pager.limit, cursor: pager.cursor };
  const list = useQuery({ queryKey: [...LEARNING_KEY, 'materials', query], queryFn: () => learningApi.materials(query), placeholderData: keepPreviousData });

  const columns: TableColumnsType<StudyMaterial> = [
    {
      title: t('learning.title'),
      dataIndex: 'title',
      width: 280,
      render: (title: string, m) => (
        <Space size={4}>
          {title}
          {m.attachments.length > 0 ? <PaperClipOutlined aria-label={t('learning.attachments')} /> : null}
        </Space>
      ),
    },
    { title: t('learning.orgs'), key: 'orgs', render: (_v, m) => m.orgs.map((o) => <Tag key={o.id}>{o.name}</Tag>) },
    { title: t('learning.studyPoints'), dataIndex: 'studyPoints', width: 100 },
    { title: t('learning.studiedCount'), dataIndex: 'studiedCount', width: 90 },
    { title: t('learning.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 170,
      render: (_v, m) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setRoster(m)} data-testid="learning-roster-open">
            {t('learning.roster')}
          </Button>
          <Button type="link" size="small" onClick={() => setEditing(m)}>
            {t('common.edit')}
          </Button>
        </Space>
      ),
    },
  ];

  const items = list.data?.items ?? [];
  const filtered = Boolean(orgId || q);
  return (
    <>
      <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <PartyOrgSelect
            allowClear
            value={orgId}
            onChange={(v) => {
              setOrgId(typeof v === 'string' ? v : undefined);
              pager.reset();
            }}
            placeholder={t('learning.filterOrg')}
            width={260}
          />
          <Input.Search
            allowClear
            placeholder={t('learning.search')}
            style={{ width: 220 }}
            onSearch={(v) => {
              setQ(v.trim() || undefined);
              pager.reset();
            }}
          />
        </Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="learning-create">
          {t('learning.create')}
        </Button>
      </Space>
      <Table<StudyMaterial>
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: 1000 }}
        size="middle"
        data-testid="learning-table"
        locale={{ emptyText: <TableEmpty text={filtered ? t('learning.emptyFiltered') : t('learning.empty')} hint={filtered ? null : t('learning.emptyHint')} /> }}
      />
      <CursorPager pager={pager} nextCursor={list.data?.nextCursor} count={items.length} testId="learning-pager" />
      <LearningMaterialFormModal open={editing !== null} material={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      <LearningRosterDrawer material={roster} onClose={() => setRoster(null)} />
    </>
  );
}
