import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SCORE_DIMENSIONS, type ScoreDimension, type ScoreItem, type UpdateScoreItem } from '@gridwork/contracts';
import { memberScoresApi } from '../../api/member-scores-endpoints';
import { PageHeader } from '../../admin/components/page-header';
import { TableEmpty } from '../../admin/components/table-empty';
import { useI18n } from '../../i18n';
import { dimensionKey, signedPoints } from './member-scores-shared';

interface Values {
  name: string;
  dimension: ScoreDimension;
  points: number;
  per: 'each' | 'hour';
  active: boolean;
}

const ITEMS_KEY = ['member-scores', 'items'] as const;

/** 积分细则: the scoresheet grouped by the four dimensions; points, dimension and on/off are editable, codes of automatic items are fixed. */
export function MemberScoresItemsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<ScoreItem | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const items = useQuery({ queryKey: ITEMS_KEY, queryFn: () => memberScoresApi.items() });

  const saved = async () => {
    void message.success(t('ms.saved'));
    await queryClient.invalidateQueries({ queryKey: ITEMS_KEY });
  };
  const update = useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateScoreItem }) => memberScoresApi.updateItem(id, body), onSuccess: saved });
  const save = useMutation({
    mutationFn: (v: Values) => (editing && editing !== 'new' ? memberScoresApi.updateItem(editing.id, v) : memberScoresApi.createItem(v)),
    onSuccess: async () => {
      setEditing(null);
      await saved();
    },
  });

  const open = (item: ScoreItem | 'new') => {
    setEditing(item);
    form.setFieldsValue(item === 'new' ? { name: '', dimension: 'vanguard', points: 1, per: 'each', active: true } : { name: item.name, dimension: item.dimension, points: item.points, per: item.per, active: item.active });
  };

  const columns: TableColumnsType<ScoreItem> = [
    { title: t('ms.itemName'), dataIndex: 'name', render: (name: string, i) => <Space>{name}{i.auto ? <Tag color="blue">{t('ms.auto')}</Tag> : <Tag>{t('ms.manualItem')}</Tag>}</Space> },
    { title: t('ms.points'), dataIndex: 'points', width: 100, align: 'right', render: (p: number) => <strong>{signedPoints(p)}</strong> },
    { title: t('ms.per'), dataIndex: 'per', width: 100, render: (per: ScoreItem['per']) => t(per === 'hour' ? 'ms.per.hour' : 'ms.per.each') },
    {
      title: t('ms.active'),
      dataIndex: 'active',
      width: 90,
      render: (active: boolean, i) =>
        active ? (
          <Popconfirm title={t('ms.deactivateConfirm')} onConfirm={() => update.mutate({ id: i.id, body: { active: false } })}>
            <Switch checked size="small" data-testid="member-score-item-active" />
          </Popconfirm>
        ) : (
          <Switch checked={false} size="small" onChange={() => update.mutate({ id: i.id, body: { active: true } })} data-testid="member-score-item-active" />
        ),
    },
    {
      title: '',
      key: 'edit',
      width: 80,
      render: (_: unknown, i) => (
        <Button size="small" type="link" icon={<EditOutlined />} onClick={() => open(i)} data-testid="member-score-item-edit">
          {t('ms.edit')}
        </Button>
      ),
    },
  ];

  const autoPer = editing !== null && editing !== 'new' && editing.auto;

  return (
    <div data-testid="member-score-items-page">
      <PageHeader
        title={t('nav.scoreItems')}
        description={t('ms.itemsDescription')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="member-score-item-add">
            {t('ms.addItem')}
          </Button>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {SCORE_DIMENSIONS.map((d) => (
          <Card key={d} title={t(dimensionKey(d))} size="small" data-testid={`member-score-items-${d}`}>
            <Table<ScoreItem>
              rowKey="id"
              size="small"
              loading={items.isLoading}
              columns={columns}
              dataSource={(items.data ?? []).filter((i) => i.dimension === d)}
              pagination={false}
              locale={{ emptyText: <TableEmpty text={t('ms.dimensionEmpty')} /> }}
            />
          </Card>
        ))}
      </Space>
      <Modal open={editing !== null} title={t(editing === 'new' ? 'ms.addItem' : 'ms.editItem')} onCancel={() => setEditing(null)} onOk={() => form.submit()} confirmLoading={save.isPending} forceRender data-testid="member-score-item-modal">
        <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="name" label={t('ms.itemName')} rules={[{ required: true, whitespace: true, message: t('ms.itemNameRequired') }]}>
            <Input maxLength={100} data-testid="member-score-item-name" />
          </Form.Item>
          <Form.Item name="dimension" label={t('ms.dimension')} rules={[{ required: true }]}>
            <Select options={SCORE_DIMENSIONS.map((dim) => ({ value: dim, label: t(dimensionKey(dim)) }))} data-testid="member-score-item-dimension" />
          </Form.Item>
          <Form.Item
            name="points"
            label={t('ms.points')}
            rules={[{ required: true, message: t('ms.pointsRequired') }, { validator: (_, v: number | null) => (v === 0 ? Promise.reject(new Error(t('ms.pointsRequired'))) : Promise.resolve()) }]}
          >
            <InputNumber step={0.5} precision={1} min={-1000} max={1000} data-testid="member-score-item-points" />
          </Form.Item>
          <Form.Item name="per" label={t('ms.per')} extra={autoPer ? t('ms.autoPerFixed') : undefined}>
            <Select disabled={autoPer} options={[{ value: 'each', label: t('ms.per.each') }, { value: 'hour', label: t('ms.per.hour') }]} />
          </Form.Item>
          <Form.Item name="active" label={t('ms.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
