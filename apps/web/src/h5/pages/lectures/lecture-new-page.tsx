import '../events/service-h5.css';
import { Button, Form, Input, TextArea, Toast } from 'antd-mobile';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { lectureTopicsApi } from '../../../api/service-endpoints';
import { useI18n } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { SubPage } from '../../components/sub-page';

interface Values {
  title: string;
  description?: string;
}

/** 我要点题: a topic for the community's lectures (placed in my own community). */
export function LectureNewPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const post = useMutation({
    mutationFn: (v: Values) => lectureTopicsApi.create({ title: v.title.trim(), description: v.description?.trim() || null }),
    meta: { silent: true },
    onSuccess: async () => {
      Toast.show({ icon: 'success', content: t('h5s.proposed') });
      await queryClient.invalidateQueries({ queryKey: ['lecture-topics'] });
      navigate('/lectures', { replace: true });
    },
    onError: (error) => Toast.show({ icon: 'fail', content: errorText(error), duration: 3000 }),
  });
  return (
    <SubPage title={t('h5s.proposeTitle')} fallback="/lectures" testId="h5-lecture-new">
      <Form
        form={form}
        layout="vertical"
        mode="card"
        onFinish={(v) => {
          if (!post.isPending) post.mutate(v);
        }}
        footer={
          <Button block type="submit" color="primary" size="large" loading={post.isPending} disabled={post.isPending} data-testid="h5-lecture-submit">
            {t('h5s.proposeSubmit')}
          </Button>
        }
      >
        <Form.Item
          name="title"
          label={t('h5s.topicTitle')}
          validateFirst
          rules={[
            { required: true, whitespace: true, message: t('h5s.topicTitleRequired') },
            {
              validator: async (_, value: string | undefined) => {
                const length = (value ?? '').trim().length;
                if (length < 2 || length > 40) throw new Error(t('h5s.topicTitleLength'));
              },
            },
          ]}
        >
          <Input placeholder={t('h5s.topicTitlePlaceholder')} maxLength={40} clearable data-testid="h5-lecture-title" />
        </Form.Item>
        <Form.Item name="description" label={t('h5s.topicDescription')}>
          <TextArea rows={4} maxLength={500} showCount placeholder={t('h5s.topicDescriptionPlaceholder')} data-testid="h5-lecture-description" />
        </Form.Item>
      </Form>
    </SubPage>
  );
}
