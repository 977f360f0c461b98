import { useEffect } from 'react';
import { App, Button, Form, Input, InputNumber, List, Modal, Popconfirm, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, MinusCircleOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StudyLink, StudyMaterial } from '@gridwork/contracts';
import { learningApi } from '../../api/learning-endpoints';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { PartyOrgSelect } from './party-org-pickers';

export const LEARNING_KEY = ['learning'] as const;

interface FormValues {
  title: string;
  body: string;
  links: StudyLink[];
  orgIds: string[];
  studyPoints: number;
}

/** Publish a study material, or edit one (with its attachments). */
export function LearningMaterialFormModal({ open, material, onClose }: { open: boolean; material: StudyMaterial | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const editing = material !== null;
  // Attachments change while the modal is open: read them fresh.
  const current = useQuery({ queryKey: [...LEARNING_KEY, 'material', material?.id], queryFn: () => learningApi.material(material!.id), enabled: open && editing });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (material) form.setFieldsValue({ title: material.title, body: material.body, links: material.links, orgIds: material.orgs.map((o) => o.id), studyPoints: material.studyPoints });
  }, [open, material, form]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: LEARNING_KEY });
  const save = useMutation({
    meta: { silent: true },
    mutationFn: (v: FormValues) => (material ? learningApi.updateMaterial(material.id, v) : learningApi.createMaterial(v)),
    onSuccess: () => {
      void message.success(editing ? t('learning.saved') : t('learning.published'));
      void refresh();
      onClose();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const upload = useMutation({
    meta: { silent: true },
    mutationFn: (file: File) => learningApi.uploadAttachment(material!.id, file),
    onSuccess: () => {
      void message.success(t('learning.uploaded'));
      void refresh();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const remove = useMutation({
    meta: { silent: true },
    mutationFn: (attachmentId: string) => learningApi.removeAttachment(material!.id, attachmentId),
    onSuccess: () => {
      void message.success(t('learning.removed'));
      void refresh();
    },
    onError: (e) => void message.error(errorText(e)),
  });

  const attachments = current.data?.attachments ?? material?.attachments ?? [];
  return (
    <Modal
      open={open}
      title={editing ? t('learning.edit') : t('learning.create')}
      width={720}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<FormValues> form={form} layout="vertical" name="learning-material" initialValues={{ links: [], studyPoints: 2 }} onFinish={(v) => save.mutate({ ...v, links: v.links ?? [] })}>
        <Form.Item name="title" label={t('learning.title')} rules={[{ required: true, whitespace: true, message: t('learning.titleRequired') }]}>
          <Input maxLength={100} data-testid="learning-material-title" />
        </Form.Item>
        <Form.Item name="orgIds" label={t('learning.orgs')} extra={t('learning.orgsHint')} rules={[{ required: true, type: 'array', min: 1, message: t('learning.orgsRequired') }]}>
          <PartyOrgSelect multiple placeholder={t('learning.orgsPlaceholder')} testId="learning-material-orgs" />
        </Form.Item>
        <Form.Item name="body" label={t('learning.body')} rules={[{ required: true, whitespace: true, message: t('learning.bodyRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={20000} showCount data-testid="learning-material-body" />
        </Form.Item>
        <Form.Item name="studyPoints" label={t('learning.studyPoints')}>
          <InputNumber min={0} max={100} precision={0} />
        </Form.Item>
        <Form.Item label={t('learning.links')}>
          <Form.List name="links">
            {(fields, { add, remove: removeLink }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap>
                    <Form.Item name={[field.name, 'title']} rules={[{ required: true, whitespace: true, message: t('learning.linkTitle') }]} noStyle>
                      <Input placeholder={t('learning.linkTitle')} style={{ width: 200 }} maxLength={100} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'url']} rules={[{ required: true, type: 'url', message: t('learning.linkUrl') }]} noStyle>
                      <Input placeholder={t('learning.linkUrl')} style={{ width: 360 }} maxLength={500} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => removeLink(field.name)} aria-label={t('common.delete')} />
                  </Space>
                ))}
                {fields.length < 10 ? (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '', url: 'https://' })}>
                    {t('learning.addLink')}
                  </Button>
                ) : null}
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item label={t('learning.attachments')} extra={editing ? t('learning.attachmentsHint') : t('learning.attachmentsAfterSave')}>
          {editing ? (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {attachments.length > 0 ? (
                <List
                  size="small"
                  bordered
                  dataSource={attachments}
                  renderItem={(a) => (
                    <List.Item
                      actions={[
                        <Popconfirm key="remove" title={t('learning.removeAttachmentConfirm', { name: a.fileName })} onConfirm={() => remove.mutate(a.id)}>
                          <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('learning.removeAttachment')} />
                        </Popconfirm>,
                      ]}
                    >
                      <Typography.Link href={learningApi.attachmentUrl(material.id, a.id)} target="_blank" rel="noreferrer">
                        <PaperClipOutlined /> {a.fileName}
                      </Typography.Link>
                    </List.Item>
                  )}
                />
              ) : null}
              <Upload
                showUploadList={false}
                accept=".pdf,.docx,.xlsx,.pptx,.jpg,.jpeg,.png"
                beforeUpload={(file) => {
                  upload.mutate(file);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="learning-attachment-upload">
                  {t('learning.upload')}
                </Button>
              </Upload>
            </Space>
          ) : null}
        </Form.Item>
      </Form>
    </Modal>
  );
}
