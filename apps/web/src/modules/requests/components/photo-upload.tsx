import { Upload } from 'antd';
import type { UploadFile, UploadProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { MAX_REQUEST_PHOTOS } from '@gridwork/contracts';
import { requestsApi } from '../../../api/requests-endpoints';
import type { StagedPhoto } from '../../../api/requests-types';
import { useI18n } from '../../../i18n';
import { errorText, reportError } from '../../../shared/feedback';

export type PhotoList = UploadFile<StagedPhoto>[];

/** The staged photo ids of the uploads that finished. */
export function photoIdsOf(list: PhotoList | undefined): string[] {
  return (list ?? []).flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : []));
}

export function isUploading(list: PhotoList | undefined): boolean {
  return (list ?? []).some((f) => f.status === 'uploading');
}

/**
 * Photos staged through POST /request-photos as soon as they are picked; the form sends
 * their ids. A Form.Item drives it through value / onChange.
 */
export function PhotoUpload({
  value,
  onChange,
  max = MAX_REQUEST_PHOTOS,
  id,
  'data-testid': testId,
}: {
  value?: PhotoList;
  onChange?: (list: PhotoList) => void;
  max?: number;
  id?: string;
  'data-testid'?: string;
}) {
  const { t } = useI18n();
  const list = value ?? [];

  const customRequest: UploadProps<StagedPhoto>['customRequest'] = ({ file, onSuccess, onError }) => {
    if (!(file instanceof File)) return;
    requestsApi
      .uploadPhoto(file)
      .then((staged) => onSuccess?.(staged))
      .catch((error: unknown) => {
        reportError(error);
        onError?.(new Error(errorText(error)));
      });
  };

  return (
    <div id={id} data-testid={testId}>
      <Upload<StagedPhoto>
        listType="picture-card"
        accept="image/jpeg,image/png,image/webp"
        multiple
        maxCount={max}
        fileList={list}
        customRequest={customRequest}
        onChange={({ fileList }) => onChange?.(fileList)}
        showUploadList={{ showPreviewIcon: false }}
      >
        {list.length >= max ? null : (
          <button type="button" className="gw-req-upload-button">
            <PlusOutlined />
            <div>{t('req.photoAdd', { max })}</div>
          </button>
        )}
      </Upload>
    </div>
  );
}
