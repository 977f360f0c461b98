import { ImageUploader, Toast, type ImageUploadItem } from 'antd-mobile';
import { MAX_REQUEST_PHOTOS } from '@gridwork/contracts';
import { requestsApi } from '../../../api/requests-endpoints';
import { useI18n } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { shrinkPhoto } from './shrink-photo';

interface Props {
  value: ImageUploadItem[];
  onChange: (items: ImageUploadItem[]) => void;
  onBusyChange: (busy: boolean) => void;
}

/** Each photo is staged on the server as soon as it is picked; the item's key is the staged id. */
export function PhotoField({ value, onChange, onBusyChange }: Props) {
  const { t } = useI18n();
  const upload = async (file: File): Promise<ImageUploadItem> => {
    try {
      const staged = await requestsApi.uploadPhoto(await shrinkPhoto(file));
      return { key: staged.id, url: staged.url };
    } catch (error) {
      Toast.show({ icon: 'fail', content: errorText(error), duration: 3000 });
      throw error;
    }
  };
  return (
    <ImageUploader
      value={value}
      onChange={onChange}
      upload={upload}
      accept="image/*"
      multiple
      maxCount={MAX_REQUEST_PHOTOS}
      columns={4}
      beforeUpload={(file) => {
        if (file.type && file.type.startsWith('image/')) return file;
        Toast.show({ icon: 'fail', content: t('h5r.photoNotImage') });
        return null;
      }}
      onCountExceed={(count) => Toast.show({ content: t('h5r.photosTooMany', { max: MAX_REQUEST_PHOTOS, count }) })}
      onUploadQueueChange={(tasks) => onBusyChange(tasks.some((task) => task.status === 'pending'))}
      data-testid="h5-request-photos"
    />
  );
}
