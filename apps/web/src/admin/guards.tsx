import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import type { Permission, SessionRestriction } from '../api/types';
import { useI18n } from '../i18n';
import { useSession } from '../shared/session';
import { PageLoading } from './components/page-loading';
import { landingPath } from './nav';

export function restrictionPath(restriction: SessionRestriction): string {
  return restriction === 'change_password' ? '/change-password' : '/totp-enrol';
}

function SessionError() {
  const { t } = useI18n();
  return (
    <Result
      status="500"
      title={t('error.sessionTitle')}
      subTitle={t('error.sessionDetail')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </Button>
      }
    />
  );
}

/** A full (unrestricted) session, or off to the login / restriction page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading, error } = useSession();
  const location = useLocation();
  if (loading) return <PageLoading fullscreen />;
  if (!me && error) return <SessionError />;
  if (!me) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  if (me.restriction) return <Navigate to={restrictionPath(me.restriction)} replace />;
  return <>{children}</>;
}

/** Any session, restricted or not (the pages that lift a restriction). */
export function RequireSession({ restriction, children }: { restriction: SessionRestriction; children: ReactNode }) {
  const { me, loading, error } = useSession();
  if (loading) return <PageLoading fullscreen />;
  if (!me && error) return <SessionError />;
  if (!me) return <Navigate to="/login" replace />;
  if (me.restriction !== restriction) {
    return <Navigate to={me.restriction ? restrictionPath(me.restriction) : landingPath(me.permissions)} replace />;
  }
  return <>{children}</>;
}

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  if (!can(permission)) {
    return (
      <Result
        status="403"
        title={t('error.forbiddenTitle')}
        subTitle={t('error.forbiddenDetail')}
        extra={
          <Button type="primary" onClick={() => navigate('/', { replace: true })}>
            {t('common.backHome')}
          </Button>
        }
      />
    );
  }
  return <>{children}</>;
}

export function LandingRedirect() {
  const { me } = useSession();
  return <Navigate to={landingPath(me?.permissions ?? [])} replace />;
}

export function NotFound() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('error.notFoundTitle')}
      subTitle={t('error.notFoundDetail')}
      extra={
        <Button type="primary" onClick={() => navigate('/', { replace: true })}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}
