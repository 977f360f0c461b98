import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageKey } from '../../../i18n';

export interface Position {
  lng: number;
  lat: number;
  /** Metres, as the device reports it. */
  accuracy: number;
}

export type GeoState =
  | { phase: 'idle' }
  | { phase: 'locating' }
  | { phase: 'located'; position: Position }
  | { phase: 'failed'; reason: MessageKey };

function failureOf(error: GeolocationPositionError): MessageKey {
  // Browsers refuse geolocation outside HTTPS with PERMISSION_DENIED; say why instead.
  if (!window.isSecureContext) return 'h5r.geoInsecure';
  if (error.code === error.PERMISSION_DENIED) return 'h5r.geoDenied';
  if (error.code === error.TIMEOUT) return 'h5r.geoTimeout';
  return 'h5r.geoUnavailable';
}

/** The browser's position on demand (never on load: the prompt should follow a tap). */
export function useGeolocation() {
  const [state, setState] = useState<GeoState>({ phase: 'idle' });
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setState({ phase: 'failed', reason: window.isSecureContext ? 'h5r.geoUnsupported' : 'h5r.geoInsecure' });
      return;
    }
    setState({ phase: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (p) => {
        if (alive.current) setState({ phase: 'located', position: { lng: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy } });
      },
      (error) => {
        if (alive.current) setState({ phase: 'failed', reason: failureOf(error) });
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }, []);

  const clear = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, locate, clear };
}
