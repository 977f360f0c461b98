import type { Place } from '../../../api/types';
import { useI18n } from '../../../i18n';

/** A tree node: the place's name, then its type in grey. */
export function PlaceNodeTitle({ place }: { place: Place }) {
  const { placeTypeLabel } = useI18n();
  return (
    <span className="gw-node" data-place-id={place.id}>
      <span className="gw-node-name">{place.name}</span>
      <span className="gw-node-type">{placeTypeLabel(place.type)}</span>
    </span>
  );
}
