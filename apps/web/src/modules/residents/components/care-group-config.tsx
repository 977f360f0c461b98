import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Switch, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { careGroupsApi } from '../../../api/endpoints';
import type { CareGroupType, UpsertCareGroupType } from '../../../api/types';
import { useI18n } from '../../../i18n';
import { CARE_GROUPS_KEY, useCareGroupTypes } from '../queries';
import { careGroupColor } from './care-group-tags';

interface Values {
  code: string;
  name: string;
  nameEn: string;
  hasGrade: boolean;
  visitIntervalDays?: number | null;
  active: boolean;
  sortOrder: number;
}

/** 重点人群类别配置 (care-group.configure): names, grades, visit interval, active. */
export function CareGroupConfig() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const types = useCareGroupTypes();
  const [editing, setEditing] = useState<CareGroupType | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (body: UpsertCareGroupType) => careGroupsApi.upsert(body),
    onSuccess: async () => {
      setEditing(null);
      void message.success(t('common.saved'));
      await queryClient.invalidateQueries({ queryKey: CARE_GROUPS_KEY });
      await queryClient.invalidateQueries({ queryKey: ['care-groups', 'dashboard'] });
    },
  });

  const columns: TableColumnsType<CareGroupType> = [
    { title: t('res.careCode'), dataIndex: 'code', width: 150, render: (c: string) => <span className="gw-mono">{c}</span> },
    { title: t('res.careName'), dataIndex: 'name', render: (n: string, x) => <Tag color={careGroupColor(x.code)}>{n}</Tag> },
    { title: t('res.careNameEn'), dataIndex: 'nameEn' },
    { title: t('res.careHasGrade'), dataIndex: 'hasGrade', width: 90, render: (v: boolean) => (v ? t('common.yes') : t('common.no')) },
    {
      title: t('res.careInterval'),
      dataIndex: 'visitIntervalDays',
      width: 120,
      render: (v: number | null) => (v ? t('res.everyDays', { days: v }) : t('res.noRegularVisits')),
    },
    {
      title: t('res.careActive'),
      dataIndex: 'active',
      width: 80,
      render: (v: boolean) => (v ? <Tag color="success">{t('res.careActiveOn')}</Tag> : <Tag>{t('res.careActiveOff')}</Tag>),
    },
    { title: t('res.careSort'), dataIndex: 'sortOrder', width: 70 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_v, x) => (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(x)} data-testid="care-type-edit">
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  const current = editing && editing !== 'new' ? editing : null;
  return (
    <Card
      title={t('res.careConfigTitle')}
      className="gw-card-gap"
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="care-type-create">
          {t('res.careTypeCreate')}
        </Button>
      }
      data-testid="care-config"
    >
      <Table<CareGroupType> rowKey="code" size="small" columns={columns} dataSource={types.data ?? []} loading={types.isPending} pagination={false} scroll={{ x: 800 }} />
      {editing ? (
        <Modal
          open
          title={current ? t('res.careTypeEditTitle', { name: current.name }) : t('res.careTypeCreate')}
          okText={t('common.ok')}
          cancelText={t('common.cancel')}
          confirmLoading={save.isPending}
          onCancel={() => setEditing(null)}
          okButtonProps={{ htmlType: 'submit' }}
          destroyOnHidden
          modalRender={(dom) => (
            <Form<Values>
              form={form}
              layout="vertical"
              clearOnDestroy
              initialValues={
                current
                  ? { ...current }
                  : { hasGrade: false, active: true, sortOrder: 100, visitIntervalDays: null }
              }
              onFinish={(v) =>
                save.mutate({
                  code: v.code.trim(),
                  name: v.name.trim(),
                  nameEn: v.nameEn.trim(),
                  hasGrade: v.hasGrade,
                  visitIntervalDays: v.visitIntervalDays ?? null,
                  active: v.active,
                  sortOrder: v.sortOrder,
                })
              }
              data-testid="care-type-form"
            >
              {dom}
            </Form>
          )}
        >
          <Form.Item
            name="code"
            label={t('res.careCode')}
            extra={t('res.careCodeHelp')}
            rules={[
              { required: true, message: t('res.careCodeFormat') },
              { pattern: /^[a-z][a-z0-9_]{1,31}$/, message: t('res.careCodeFormat') },
            ]}
          >
            <Input disabled={Boolean(current)} maxLength={32} className="gw-mono" />
          </Form.Item>
          <Form.Item name="name" label={t('res.careName')} rules={[{ required: true, whitespace: true, message: t('res.careNameRequired') }, { max: 30, message: t('form.maxLength', { max: 30 }) }]}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('res.careNameEn')} rules={[{ required: true, whitespace: true, message: t('res.careNameRequired') }, { max: 60, message: t('form.maxLength', { max: 60 }) }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="visitIntervalDays" label={t('res.careInterval')} extra={t('res.careIntervalHelp')}>
            <InputNumber min={1} max={366} precision={0} style={{ width: 160 }} suffix={t('res.days')} />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('res.careSort')}>
            <InputNumber min={0} max={1000} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="hasGrade" label={t('res.careHasGrade')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="active" label={t('res.careActive')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Modal>
      ) : null}
    </Card>
  );
}
