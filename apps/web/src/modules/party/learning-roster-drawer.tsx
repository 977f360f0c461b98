import { useMemo, useState } from 'react';
import { App, Button, Drawer, Form, Input, Modal, Table, Tabs, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { HomeOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StudyMaterial, StudyRecord, StudyRosterMember } from '@gridwork/contracts';
import { learningApi } from '../../api/learning-endpoints';
import { newIdempotencyKey } from '../../api/requests-endpoints';
import { TableEmpty } from '../../admin/components/table-empty';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { LEARNING_KEY } from './learning-material-form-modal';

/** 学习情况: who studied a material (自学 or 送学上门) and who has not yet, with the 送学上门 button. */
export function LearningRosterDrawer({ material, onClose }: { material: StudyMaterial | null; onClose: () => void }) {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [delivering, setDelivering] = useState<StudyRosterMember | null>(null);
  // One key per dialog opening: a double click records the visit once.
  const deliveryKey = useMemo(() => (delivering ? newIdempotencyKey() : ''), [delivering]);
  const [form] = Form.useForm<{ note: string }>();
  const roster = useQuery({ queryKey: [...LEARNING_KEY, 'roster', material?.id], queryFn: () => learningApi.roster(material!.id), enabled: material !== null });
  const deliver = useMutation({
    meta: { silent: true },
    mutationFn: (note: string) => learningApi.recordStudy(material!.id, { memberId: delivering!.memberId, mode: 'delivered', note }, deliveryKey),
    onSuccess: () => {
      void message.success(t('learning.delivered'));
      setDelivering(null);
      void queryClient.invalidateQueries({ queryKey: LEARNING_KEY });
    },
    onError: (e) => void message.error(errorText(e)),
  });

  const studiedColumns: TableColumnsType<StudyRecord> = [
    { title: t('learning.member'), dataIndex: 'memberName', width: 120 },
    { title: t('learning.mode'), dataIndex: 'mode', width: 100, render: (m: StudyRecord['mode']) => (m === 'delivered' ? <Tag color="orange">{t('learning.modeDelivered')}</Tag> : <Tag color="green">{t('learning.modeSelf')}</Tag>) },
    { title: t('learning.studiedAt'), dataIndex: 'studiedAt', width: 150, render: (v: string) => formatDateTime(v) },
    { title: t('learning.note'), dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('learning.recordedBy'), dataIndex: 'recordedByName', width: 100, render: (v: string | null) => v ?? '—' },
  ];
  const notStudiedColumns: TableColumnsType<StudyRosterMember> = [
    { title: t('learning.member'), dataIndex: 'name', width: 120 },
    { title: t('learning.org'), dataIndex: 'orgName', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('learning.memberType'), dataIndex: 'type', width: 110, render: (v: StudyRosterMember['type']) => (v === 'housebound' ? <Tag color="orange">{t('learning.housebound')}</Tag> : null) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_v, m) => (
        <Button
          size="small"
          type={m.type === 'housebound' ? 'primary' : 'default'}
          icon={<HomeOutlined />}
          onClick={() => {
            form.resetFields();
            setDelivering(m);
          }}
          data-testid="learning-deliver"
        >
          {t('learning.deliver')}
        </Button>
      ),
    },
  ];

  const studied = roster.data?.studied ?? [];
  // Housebound members first: they are who 送学上门 is for.
  const notStudied = [...(roster.data?.notStudied ?? [])].sort((a, b) => Number(b.type === 'housebound') - Number(a.type === 'housebound'));
  return (
    <Drawer open={material !== null} onClose={onClose} size="large" title={material ? t('learning.rosterTitle', { title: material.title }) : ''} data-testid="learning-roster">
      <Tabs
        items={[
          {
            key: 'not-studied',
            label: t('learning.notStudied', { n: notStudied.length }),
            children: (
              <Table<StudyRosterMember>
                rowKey="memberId"
                size="small"
                columns={notStudiedColumns}
                dataSource={notStudied}
                loading={roster.isFetching}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                locale={{ emptyText: <TableEmpty text={t('learning.everyoneStudied')} /> }}
              />
            ),
          },
          {
            key: 'studied',
            label: t('learning.studied', { n: studied.length }),
            children: (
              <Table<StudyRecord>
                rowKey="id"
                size="small"
                columns={studiedColumns}
                dataSource={studied}
                loading={roster.isFetching}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                locale={{ emptyText: <TableEmpty text={t('learning.nobodyStudied')} /> }}
              />
            ),
          },
        ]}
      />
      <Modal open={delivering !== null} title={delivering ? t('learning.deliverTitle', { name: delivering.name }) : ''} onCancel={() => setDelivering(null)} onOk={() => form.submit()} confirmLoading={deliver.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => deliver.mutate(v.note)}>
          <Form.Item name="note" label={t('learning.deliverNote')} rules={[{ required: true, whitespace: true, message: t('learning.noteRequired') }]}>
            <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 3 }} placeholder={t('learning.deliverNotePlaceholder')} data-testid="learning-deliver-note" />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
