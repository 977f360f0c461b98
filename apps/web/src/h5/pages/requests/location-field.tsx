import { Button } from 'antd-mobile';
import { useI18n } from '../../../i18n';
import { PinIcon } from '../../components/icons';
import type { GeoState } from './use-geolocation';

interface Props {
  state: GeoState;
  onLocate: () => void;
  onClear: () => void;
}

/** "使用当前位置" and what came of it: the coordinates, or why there are none. */
export function LocationField({ state, onLocate, onClear }: Props) {
  const { t } = useI18n();
  const located = state.phase === 'located';
  return (
    <div className="h5r-location" data-testid="h5-request-location">
      <div className="h5r-location-actions">
        <Button
          size="small"
          color="primary"
          fill="outline"
          loading={state.phase === 'locating'}
          loadingText={t('h5r.locating')}
          onClick={onLocate}
          data-testid="h5-request-locate"
        >
          <PinIcon className="h5r-inline-icon" /> {located ? t('h5r.relocate') : t('h5r.locate')}
        </Button>
        {located ? (
          <Button size="small" fill="none" onClick={onClear} data-testid="h5-request-location-clear">
            {t('h5r.clearLocation')}
          </Button>
        ) : null}
      </div>
      {state.phase === 'located' ? (
        <div className="h5r-coords h5-mono" data-testid="h5-request-coordinates">
          {t('h5r.coordinates', {
            lng: state.position.lng.toFixed(5),
            lat: state.position.lat.toFixed(5),
            accuracy: Math.max(1, Math.round(state.position.accuracy)),
          })}
        </div>
      ) : null}
      {state.phase === 'failed' ? (
        <div className="h5r-field-error" role="alert" data-testid="h5-request-location-error">
          {t(state.reason)}
        </div>
      ) : null}
    </div>
  );
}
