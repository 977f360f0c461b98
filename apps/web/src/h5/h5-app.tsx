import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { ConfigProvider, Toast } from 'antd-mobile';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import enUS from 'antd-mobile/es/locales/en-US';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import type { SessionRestriction } from '../api/types';
import { configureClient } from '../api/client';
import { I18nProvider, useI18n } from '../i18n';
import { errorText, setErrorReporter } from '../shared/feedback';
import { createQueryClient } from '../shared/query-client';
import { SessionProvider, useSession } from '../shared/session';
import { Loading } from './components/loading';
import { TabLayout } from './components/tab-layout';
import { ChangePasswordPage } from './pages/change-password-page';
import { HomePage } from './pages/home-page';
import { LoginPage } from './pages/login-page';
import { MePage } from './pages/me-page';
import { PlacePage } from './pages/place-page';
import { ResidentPage } from './pages/resident-page';
import { ResidentsPage } from './pages/residents-page';
import { VisitPage } from './pages/visit-page';
import { TotpPage } from './pages/totp-page';
import { RequestNewPage } from './pages/requests/request-new-page';
import { RequestPage } from './pages/requests/request-page';
import { RequestsPage } from './pages/requests/requests-page';
import { WishNewPage } from './pages/wishes/wish-new-page';
import { WishesPage } from './pages/wishes/wishes-page';
import { EventPage } from './pages/events/event-page';
import { EventsPage } from './pages/events/events-page';
import { LectureNewPage } from './pages/lectures/lecture-new-page';
import { LecturesPage } from './pages/lectures/lectures-page';
import { PointsPage } from './pages/points/points-page';
import { StorePage } from './pages/store/store-page';
import { VolunteerPage } from './pages/volunteer/volunteer-page';
import { LearningPage } from './pages/party/learning-page';
import { LearningMaterialPage } from './pages/party/learning-material-page';
import { QuizPage } from './pages/party/quiz-page';
import { SessionsPage } from './pages/party/sessions-page';
import { ScoresPage } from './pages/party/scores-page';
import { PartyHubPage } from './pages/party/party-hub-page';
import { EnrolPage } from './pages/party/enrol-page';
import { PostsPage } from './pages/party/posts-page';

export function restrictionPathH5(restriction: SessionRestriction): string {
  return restriction === 'change_password' ? '/change-password' : '/totp-enrol';
}

function Bridges() {
  const navigate = useNavigate();
  const location = useLocation();
  const { forget, refresh } = useSession();
  const here = useRef(location);
  here.current = location;
  useEffect(() => {
    setErrorReporter((error) => {
      Toast.show({ icon: 'fail', content: errorText(error), duration: 3000 });
    });
    configureClient({
      onUnauthorized: () => {
        forget();
        if (here.current.pathname !== '/login') navigate('/login', { replace: true });
      },
      onRestricted: (code) => {
        void refresh().catch(() => undefined);
        navigate(code === 'password_change_required' ? '/change-password' : '/totp-enrol', { replace: true });
      },
    });
  }, [navigate, forget, refresh]);
  return null;
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading } = useSession();
  if (loading) return <Loading full />;
  if (!me) return <Navigate to="/login" replace />;
  if (me.restriction) return <Navigate to={restrictionPathH5(me.restriction)} replace />;
  return <>{children}</>;
}

function RequireRestriction({ restriction, children }: { restriction: SessionRestriction; children: ReactNode }) {
  const { me, loading } = useSession();
  if (loading) return <Loading full />;
  if (!me) return <Navigate to="/login" replace />;
  if (me.restriction !== restriction) return <Navigate to={me.restriction ? restrictionPathH5(me.restriction) : '/'} replace />;
  return <>{children}</>;
}

function MobileConfig({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  return <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS}>{children}</ConfigProvider>;
}

export function H5App() {
  const queryClient = useMemo(() => createQueryClient(), []);
  return (
    <I18nProvider>
      <MobileConfig>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <BrowserRouter basename="/h5">
              <Bridges />
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route
                  path="/change-password"
                  element={
                    <RequireRestriction restriction="change_password">
                      <ChangePasswordPage />
                    </RequireRestriction>
                  }
                />
                <Route
                  path="/totp-enrol"
                  element={
                    <RequireRestriction restriction="enrol_totp">
                      <TotpPage />
                    </RequireRestriction>
                  }
                />
                <Route
                  path="/places/:id"
                  element={
                    <RequireAuth>
                      <PlacePage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/residents/:id"
                  element={
                    <RequireAuth>
                      <ResidentPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/residents/:id/visit"
                  element={
                    <RequireAuth>
                      <VisitPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/requests"
                  element={
                    <RequireAuth>
                      <RequestsPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/requests/new"
                  element={
                    <RequireAuth>
                      <RequestNewPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/requests/:id"
                  element={
                    <RequireAuth>
                      <RequestPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/wishes"
                  element={
                    <RequireAuth>
                      <WishesPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/wishes/new"
                  element={
                    <RequireAuth>
                      <WishNewPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/events"
                  element={
                    <RequireAuth>
                      <EventsPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/events/:id"
                  element={
                    <RequireAuth>
                      <EventPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/points"
                  element={
                    <RequireAuth>
                      <PointsPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/store"
                  element={
                    <RequireAuth>
                      <StorePage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/lectures"
                  element={
                    <RequireAuth>
                      <LecturesPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/lectures/new"
                  element={
                    <RequireAuth>
                      <LectureNewPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/volunteer"
                  element={
                    <RequireAuth>
                      <VolunteerPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/party/learning"
                  element={
                    <RequireAuth>
                      <LearningPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/party/learning/:id"
                  element={
                    <RequireAuth>
                      <LearningMaterialPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/party/quizzes/:id"
                  element={
                    <RequireAuth>
                      <QuizPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/party/scores"
                  element={
                    <RequireAuth>
                      <ScoresPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/party/sessions"
                  element={
                    <RequireAuth>
                      <SessionsPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/party"
                  element={
                    <RequireAuth>
                      <PartyHubPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/party/enrol"
                  element={
                    <RequireAuth>
                      <EnrolPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/party/posts"
                  element={
                    <RequireAuth>
                      <PostsPage />
                    </RequireAuth>
                  }
                />
                <Route
                  element={
                    <RequireAuth>
                      <TabLayout />
                    </RequireAuth>
                  }
                >
                  <Route index element={<HomePage />} />
                  <Route path="residents" element={<ResidentsPage />} />
                  <Route path="me" element={<MePage />} />
                </Route>
                <Route path="*" element={<Navigate to="/" replace />} />
              </Routes>
            </BrowserRouter>
          </SessionProvider>
        </QueryClientProvider>
      </MobileConfig>
    </I18nProvider>
  );
}
