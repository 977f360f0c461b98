import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { SERVICE_POST_KINDS, type ServicePostKind } from '@gridwork/contracts';
import { servicePostsApi } from '../../api/enrolments-endpoints';
import { useI18n } from '../../i18n';
import { PlaceTreeSelect } from '../places/components/place-tree-select';
import { errorText } from '../../shared/feedback';
import { POST_KIND_KEYS, SERVICE_POSTS_KEY } from './enrolments-labels';

interface Values {
  placeId: string;
  kind: ServicePostKind;
  title: string;
  description?: string;
  capacity: number;
  period: [Dayjs, Dayjs];
}

/** 发布服务岗位: a post of a community or grid, with places and a service period. */
export function ServicePostFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const create = useMutation({
    meta: { silent: true },
    mutationFn: (v: Values) =>
      servicePostsApi.create({
        placeId: v.placeId,
        kind: v.kind,
        title: v.title.trim(),
        description: v.description?.trim() || null,
        capacity: v.capacity,
        startsOn: v.period[0].format('YYYY-MM-DD'),
        endsOn: v.period[1].format('YYYY-MM-DD'),
      }),
    onSuccess: (post) => {
      void message.success(t('posts.created', { title: post.title }));
      void queryClient.invalidateQueries({ queryKey: SERVICE_POSTS_KEY });
      form.resetFields();
      onClose();
    },
    onError: (e) => void message.error(errorText(e)),
  });

  return (
    <Modal
      open={open}
      title={t('posts.create')}
      okText={t('posts.publish')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'post-form-submit' }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'policy_publicity', capacity: 5, period: [dayjs(), dayjs().add(1, 'month')] }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="placeId" label={t('posts.place')} rules={[{ required: true, message: t('posts.placeRequired') }]} extra={t('posts.placeHint')}>
          <PlaceTreeSelect canPick={(p) => p.type === 'community' || p.type === 'grid'} placeholder={t('posts.place')} data-testid="post-form-place" />
        </Form.Item>
        <Form.Item name="kind" label={t('posts.kind')} rules={[{ required: true }]}>
          <Select options={SERVICE_POST_KINDS.map((k) => ({ value: k, label: t(POST_KIND_KEYS[k]) }))} data-testid="post-form-kind" />
        </Form.Item>
        <Form.Item name="title" label={t('posts.title')} rules={[{ required: true, whitespace: true, min: 2, max: 50, message: t('posts.titleRule') }]}>
          <Input maxLength={50} placeholder={t('posts.titlePlaceholder')} data-testid="post-form-title" />
        </Form.Item>
        <Form.Item name="description" label={t('posts.descriptionLabel')}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Form.Item name="capacity" label={t('posts.capacity')} rules={[{ required: true }]}>
          <InputNumber min={1} max={500} precision={0} style={{ width: 160 }} addonAfter={t('posts.people')} data-testid="post-form-capacity" />
        </Form.Item>
        <Form.Item name="period" label={t('posts.period')} rules={[{ required: true, message: t('posts.periodRequired') }]}>
          <DatePicker.RangePicker allowClear={false} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
