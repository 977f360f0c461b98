import { useEffect, useRef } from 'react';
import { App } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { configureClient, isApiError } from '../api/client';
import { errorText, setErrorReporter } from '../shared/feedback';
import { useSession } from '../shared/session';
import { translate, getLocale } from '../i18n/core';

/** Routes errors to antd's message / notification (themed and localized through <App>). */
export function FeedbackBridge() {
  const { message, notification } = App.useApp();
  useEffect(() => {
    setErrorReporter((error) => {
      const fields = isApiError(error) ? error.fieldErrors : [];
      if (fields.length > 0) {
        notification.error({
          key: 'api-error',
          title: errorText(error),
          description: (
            <ul className="gw-field-errors">
              {fields.map((f) => (
                <li key={`${f.path}:${f.message}`}>
                  {f.path ? <code>{f.path}</code> : null} {f.message}
                </li>
              ))}
            </ul>
          ),
        });
      } else {
        void message.error({ key: isApiError(error) ? error.code : 'error', content: errorText(error), duration: 5 });
      }
      if (!isApiError(error)) console.error(translate(getLocale(), 'error.unexpected'), error);
    });
  }, [message, notification]);
  return null;
}

/** Sends a 401 to the login page and a restricted session to the page that lifts it. */
export function NavigationBridge() {
  const navigate = useNavigate();
  const location = useLocation();
  const { forget, refresh } = useSession();
  const locationRef = useRef(location);
  locationRef.current = location;

  useEffect(() => {
    configureClient({
      onUnauthorized: () => {
        forget();
        const here = locationRef.current;
        if (here.pathname !== '/login') {
          navigate('/login', { replace: true, state: { from: `${here.pathname}${here.search}` } });
        }
      },
      onRestricted: (code) => {
        void refresh().catch(() => undefined);
        navigate(code === 'password_change_required' ? '/change-password' : '/totp-enrol', { replace: true });
      },
    });
  }, [navigate, forget, refresh]);
  return null;
}
