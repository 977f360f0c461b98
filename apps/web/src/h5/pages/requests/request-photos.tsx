import { Image, ImageViewer } from 'antd-mobile';
import type { RequestPhoto } from '../../../api/requests-types';

/** A grid of thumbnails; a tap opens the full-screen viewer at that photo. */
export function RequestPhotos({ photos, testId }: { photos: readonly RequestPhoto[]; testId: string }) {
  if (photos.length === 0) return null;
  const urls = photos.map((p) => p.url);
  return (
    <div className="h5r-photos" data-testid={testId}>
      {photos.map((p, index) => (
        <Image
          key={p.id}
          src={p.url}
          fit="cover"
          lazy
          className="h5r-photo"
          onClick={() => ImageViewer.Multi.show({ images: urls, defaultIndex: index })}
          data-photo-id={p.id}
        />
      ))}
    </div>
  );
}
