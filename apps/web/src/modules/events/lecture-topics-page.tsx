import '../volunteers/service.css';
import { TableEmpty } from '../../admin/components/table-empty';
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { BulbOutlined, LikeFilled, LikeOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { lectureTopicsApi } from '../../api/service-endpoints';
import type { CreateLectureTopic, LectureTopic } from '../../api/service-types';
import { useI18n } from '../../i18n';
import { useSession } from '../../shared/session';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { CursorPager } from '../../admin/components/cursor-pager';
import { PageHeader } from '../../admin/components/page-header';
import { PlaceTreeSelect } from '../places/components/place-tree-select';
import { TOPICS_KEY } from './queries';
import { RefreshButton } from '../../admin/components/refresh-button';

interface Values {
  title: string;
  description?: string;
  placeId?: string;
}

function TopicFormModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const create = useMutation({
    mutationFn: (body: CreateLectureTopic) => lectureTopicsApi.create(body),
    onSuccess: async (topic) => {
      void message.success(t('svc.topicCreated', { title: topic.title }));
      onClose();
      await queryClient.invalidateQueries({ queryKey: TOPICS_KEY });
    },
  });
  return (
    <Modal
      open
      title={t('svc.topicCreateTitle')}
      okText={t('svc.topicCreateSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'topic-form-submit' }}
      destroyOnHidden
      maskClosable={false}
      modalRender={(dom) => (
        <Form<Values>
          form={form}
          layout="vertical"
          clearOnDestroy
          onFinish={(v) => create.mutate({ title: v.title.trim(), description: v.description?.trim() || null, ...(v.placeId ? { placeId: v.placeId } : {}) })}
          data-testid="topic-form"
        >
          {dom}
        </Form>
      )}
    >
      <Form.Item
        name="title"
        label={t('svc.topicTitle')}
        rules={[
          { required: true, whitespace: true, message: t('svc.topicTitleRequired') },
          { min: 2, message: t('svc.topicTitleRequired') },
          { max: 40, message: t('form.maxLength', { max: 40 }) },
        ]}
      >
        <Input maxLength={40} placeholder={t('svc.topicTitlePlaceholder')} data-testid="topic-form-title" />
      </Form.Item>
      <Form.Item name="description" label={t('svc.topicDescription')} rules={[{ max: 500, message: t('form.maxLength', { max: 500 }) }]}>
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="topic-form-description" />
      </Form.Item>
      <Form.Item name="placeId" label={t('svc.topicPlace')} extra={t('svc.topicPlaceHelp')}>
        <PlaceTreeSelect canPick={(p) => p.type === 'community'} data-testid="topic-form-place" />
      </Form.Item>
    </Modal>
  );
}

/** 菜单式讲堂: what residents want the lectures to teach, the most voted first. */
export function LectureTopicsPage() {
  const { t, formatDateTime } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const placeId = params.get('placeId') || undefined;
  const pager = useCursorPager(20);
  const [creating, setCreating] = useState(false);

  const query = { placeId, limit: pager.limit, cursor: pager.cursor };
  const list = useQuery({ queryKey: [...TOPICS_KEY, 'list', query], queryFn: () => lectureTopicsApi.list(query), placeholderData: keepPreviousData });
  const vote = useMutation({
    mutationFn: (id: string) => lectureTopicsApi.vote(id),
    onSuccess: async (topic) => {
      void message.success(t('svc.topicVoted', { title: topic.title }));
      await queryClient.invalidateQueries({ queryKey: TOPICS_KEY });
    },
  });

  const columns: TableColumnsType<LectureTopic> = [
    {
      title: t('svc.topicVotes'),
      dataIndex: 'votes',
      width: 90,
      align: 'center',
      render: (n: number) => (
        <span className="gw-svc-topic-count" data-testid="topic-votes">
          {n}
        </span>
      ),
    },
    {
      title: t('svc.topicTitle'),
      dataIndex: 'title',
      render: (title: string, topic) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{title}</Typography.Text>
          {topic.description ? <Typography.Text type="secondary">{topic.description}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: t('svc.topicPlace'), dataIndex: 'placeName', width: 150 },
    { title: t('svc.topicProposer'), dataIndex: 'proposerName', width: 110 },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_v, topic) =>
        topic.votedByMe ? (
          <Typography.Text type="secondary">
            <LikeFilled /> {t('svc.topicVotedByMe')}
          </Typography.Text>
        ) : (
          <Button size="small" icon={<LikeOutlined />} loading={vote.isPending && vote.variables === topic.id} onClick={() => vote.mutate(topic.id)} data-testid="topic-vote">
            {t('svc.topicVote')}
          </Button>
        ),
    },
  ];

  const items = list.data?.items ?? [];

  return (
    <div data-testid="lecture-topics-page">
      <PageHeader
        title={t('nav.lectureTopics')}
        description={t('svc.topicsDescription')}
        extra={
          <>
            <div style={{ width: 220 }}>
              <PlaceTreeSelect
                value={placeId}
                onChange={(v) => {
                  setParams(v ? { placeId: v } : {}, { replace: true });
                  pager.reset();
                }}
                placeholder={t('svc.filterPlace')}
                data-testid="topic-filter-place"
              />
            </div>
            <RefreshButton onRefresh={() => void queryClient.invalidateQueries({ queryKey: TOPICS_KEY })} />
            {can('event.write') || can('event.signup') ? (
              <Button type="primary" icon={<BulbOutlined />} onClick={() => setCreating(true)} data-testid="topic-create">
                {t('svc.topicCreate')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <Table<LectureTopic>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 860 }}
          size="middle"
          data-testid="topic-table"
          locale={{ emptyText: <TableEmpty text={placeId ? t('svc.noMatch') : t('svc.topicsEmpty')} hint={!placeId ? t('svc.topicsEmptyHint') : null} /> }}
        />
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} count={items.length} total={list.data?.total} testId="topic-pager" />
      </Card>
      {creating ? <TopicFormModal onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
