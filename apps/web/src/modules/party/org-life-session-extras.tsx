import { useEffect, useState } from 'react';
import { App, Button, Card, Empty, Image, Input, Space, Typography, Upload } from 'antd';
import type { UploadProps } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrgLifeSessionDetail } from '@gridwork/contracts';
import { orgLifeApi } from '../../api/org-life-endpoints';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { ORG_LIFE_KEY } from './org-life-session-form-modal';

/** 会议记录: a plain-text editor, saved on demand. */
export function OrgLifeMinutes({ session, canWrite }: { session: OrgLifeSessionDetail; canWrite: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [text, setText] = useState(session.minutes ?? '');
  useEffect(() => setText(session.minutes ?? ''), [session.minutes]);
  const editable = canWrite && session.status !== 'cancelled';
  const save = useMutation({
    meta: { silent: true },
    mutationFn: () => orgLifeApi.update(session.id, { minutes: text.trim() ? text : null }),
    onSuccess: (saved) => {
      queryClient.setQueryData([...ORG_LIFE_KEY, 'detail', session.id], saved);
      void message.success(t('orgLife.saved'));
    },
    onError: (e) => void message.error(errorText(e)),
  });
  return (
    <Card
      title={t('orgLife.minutes')}
      extra={
        editable ? (
          <Button type="primary" disabled={text === (session.minutes ?? '')} loading={save.isPending} onClick={() => save.mutate()} data-testid="org-life-save-minutes">
            {t('orgLife.saveMinutes')}
          </Button>
        ) : null
      }
    >
      {editable ? (
        <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 5, maxRows: 16 }} maxLength={20_000} showCount placeholder={t('orgLife.minutesPlaceholder')} data-testid="org-life-minutes" />
      ) : session.minutes ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{session.minutes}</Typography.Paragraph>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
    </Card>
  );
}

/** 会议照片: upload (re-encoded without location data by the server) and a gallery with preview. */
export function OrgLifePhotos({ session, canWrite }: { session: OrgLifeSessionDetail; canWrite: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const photosKey = [...ORG_LIFE_KEY, 'photos', session.id];
  const photos = useQuery({ queryKey: photosKey, queryFn: () => orgLifeApi.photos(session.id) });
  const [uploading, setUploading] = useState(false);

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    if (!(file instanceof File)) return;
    setUploading(true);
    orgLifeApi
      .uploadPhoto(session.id, file)
      .then(async (photo) => {
        onSuccess?.(photo);
        void message.success(t('orgLife.uploaded'));
        await queryClient.invalidateQueries({ queryKey: photosKey });
        await queryClient.invalidateQueries({ queryKey: [...ORG_LIFE_KEY, 'detail', session.id] });
      })
      .catch((error: unknown) => {
        void message.error(errorText(error));
        onError?.(new Error(errorText(error)));
      })
      .finally(() => setUploading(false));
  };

  return (
    <Card
      title={t('orgLife.photos')}
      extra={
        canWrite ? (
          <Upload accept="image/jpeg,image/png,image/webp" multiple showUploadList={false} customRequest={customRequest}>
            <Button icon={<UploadOutlined />} loading={uploading} data-testid="org-life-upload-photo">
              {t('orgLife.uploadPhoto')}
            </Button>
          </Upload>
        ) : null
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {canWrite ? <Typography.Text type="secondary">{t('orgLife.photosHint')}</Typography.Text> : null}
        {(photos.data ?? []).length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgLife.photosEmpty')} />
        ) : (
          <Image.PreviewGroup>
            <Space wrap data-testid="org-life-gallery">
              {(photos.data ?? []).map((p) => (
                <Image key={p.id} src={orgLifeApi.photoUrl(session.id, p.id)} width={140} height={105} style={{ objectFit: 'cover' }} alt={session.title} />
              ))}
            </Space>
          </Image.PreviewGroup>
        )}
      </Space>
    </Card>
  );
}
