/**
 * The signed-in user (`GET /auth/me`), shared by the admin and the mobile app.
 * `me === null` means nobody is signed in.
 */
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { authApi } from '../api/endpoints';
import { setCsrfToken } from '../api/client';
import type { LoginResponse, Me, Permission } from '../api/types';

export const ME_QUERY_KEY = ['auth', 'me'] as const;

export interface Session {
  me: Me | null;
  loading: boolean;
  /** Failed to learn whether anyone is signed in (server down). */
  error: unknown;
  can: (permission: Permission) => boolean;
  /** Take over a fresh login: remember the CSRF token, drop the previous user's cache. */
  signedIn: (response: LoginResponse) => void;
  /** Reload `me` (after a password change or TOTP enrolment lifted a restriction). */
  refresh: () => Promise<Me | null>;
  logout: () => Promise<void>;
  /** Forget the session locally (after a 401). */
  forget: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: authApi.me,
    staleTime: 5 * 60_000,
    meta: { silent: true },
  });
  const me = query.data ?? null;

  const forget = useCallback(() => {
    setCsrfToken(null);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_QUERY_KEY[0] });
    queryClient.setQueryData(ME_QUERY_KEY, null);
  }, [queryClient]);

  const signedIn = useCallback(
    (response: LoginResponse) => {
      setCsrfToken(response.csrfToken);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_QUERY_KEY[0] });
      queryClient.setQueryData(ME_QUERY_KEY, response.user);
    },
    [queryClient],
  );

  const refresh = useCallback(async () => {
    const next = await authApi.me();
    queryClient.setQueryData(ME_QUERY_KEY, next);
    return next;
  }, [queryClient]);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      // Signed out locally either way.
    }
    forget();
  }, [forget]);

  const value = useMemo<Session>(() => {
    const permissions = new Set(me?.permissions ?? []);
    return {
      me,
      loading: query.isPending,
      error: query.error,
      can: (permission) => permissions.has(permission),
      signedIn,
      refresh,
      logout,
      forget,
    };
  }, [me, query.isPending, query.error, signedIn, refresh, logout, forget]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside <SessionProvider>');
  return session;
}
