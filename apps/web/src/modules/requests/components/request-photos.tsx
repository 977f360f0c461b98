import { useState } from 'react';
import { Empty, Modal, Tag } from 'antd';
import type { RequestPhoto } from '../../../api/requests-types';
import { useI18n, type MessageKey } from '../../../i18n';

const KIND_KEYS: Record<RequestPhoto['kind'], MessageKey> = {
  report: 'req.photoKind.report',
  progress: 'req.photoKind.progress',
  result: 'req.photoKind.result',
};

/**
 * The request's photos (served with the session cookie) as thumbnails; a click shows one large.
 * Plain <img> and a Modal rather than antd Image, which would add its viewer to every admin page.
 */
export function RequestPhotos({ photos }: { photos: readonly RequestPhoto[] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<RequestPhoto | null>(null);
  if (photos.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('req.noPhotos')} />;
  return (
    <>
      <div className="gw-req-photos" data-testid="request-photos">
        {photos.map((p) => (
          <figure key={p.id} className="gw-req-photo">
            <button type="button" className="gw-req-photo-button" onClick={() => setOpen(p)} aria-label={t('req.photoOpen')}>
              <img src={p.url} width={112} height={112} alt={t(KIND_KEYS[p.kind])} loading="lazy" data-testid="request-photo" />
            </button>
            <figcaption>
              <Tag className="gw-req-photo-kind">{t(KIND_KEYS[p.kind])}</Tag>
            </figcaption>
          </figure>
        ))}
      </div>
      <Modal open={open !== null} footer={null} onCancel={() => setOpen(null)} width={Math.min(960, (open?.width ?? 960) + 48)} centered destroyOnHidden title={open ? t(KIND_KEYS[open.kind]) : null}>
        {open ? <img src={open.url} alt={t(KIND_KEYS[open.kind])} className="gw-req-photo-large" /> : null}
      </Modal>
    </>
  );
}
