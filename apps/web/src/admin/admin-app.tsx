import { Suspense, lazy, useMemo, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, theme as antTheme } from 'antd';
import type { ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import 'dayjs/locale/zh-cn';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { I18nProvider, useI18n } from '../i18n';
import { createQueryClient } from '../shared/query-client';
import { SessionProvider } from '../shared/session';
import { AppLayout } from './app-layout';
import { FeedbackBridge, NavigationBridge } from './bridges';
import { PageLoading } from './components/page-loading';
import { LandingRedirect, NotFound, RequireAuth, RequirePermission, RequireSession } from './guards';
import { LoginPage } from '../modules/auth/login-page';
import { ChangePasswordPage } from '../modules/auth/change-password-page';
import { TotpEnrolPage } from '../modules/auth/totp-enrol-page';

const PlacesPage = lazy(() => import('../modules/places/places-page').then((m) => ({ default: m.PlacesPage })));
const PartyOrgsPage = lazy(() => import('../modules/party/party-orgs-page').then((m) => ({ default: m.PartyOrgsPage })));
const LearningPage = lazy(() => import('../modules/party/learning-page').then((m) => ({ default: m.LearningPage })));
const QuizListPage = lazy(() => import('../modules/party/quiz-list-page').then((m) => ({ default: m.QuizListPage })));
const OrgLifeSessionsPage = lazy(() => import('../modules/party/org-life-sessions-page').then((m) => ({ default: m.OrgLifeSessionsPage })));
const OrgLifeSessionDetailPage = lazy(() => import('../modules/party/org-life-session-detail-page').then((m) => ({ default: m.OrgLifeSessionDetailPage })));
const PartyMembersPage = lazy(() => import('../modules/party/party-members-page').then((m) => ({ default: m.PartyMembersPage })));
const PartyMemberDetailPage = lazy(() => import('../modules/party/party-member-detail-page').then((m) => ({ default: m.PartyMemberDetailPage })));
const PartyAnniversariesPage = lazy(() => import('../modules/party/party-anniversaries-page').then((m) => ({ default: m.PartyAnniversariesPage })));
const OrgLifeCompletenessPage = lazy(() => import('../modules/party/org-life-completeness-page').then((m) => ({ default: m.OrgLifeCompletenessPage })));
const EnrolmentsPage = lazy(() => import('../modules/party/enrolments-page').then((m) => ({ default: m.EnrolmentsPage })));
const ServicePostsPage = lazy(() => import('../modules/party/service-posts-page').then((m) => ({ default: m.ServicePostsPage })));
const EmployerReportPage = lazy(() => import('../modules/party/employer-report-page').then((m) => ({ default: m.EmployerReportPage })));
const MemberScoresPage = lazy(() => import('../modules/party/member-scores-page').then((m) => ({ default: m.MemberScoresPage })));
const MemberScoresEntriesPage = lazy(() => import('../modules/party/member-scores-entries-page').then((m) => ({ default: m.MemberScoresEntriesPage })));
const MemberScoresItemsPage = lazy(() => import('../modules/party/member-scores-items-page').then((m) => ({ default: m.MemberScoresItemsPage })));
const AccountsPage = lazy(() => import('../modules/accounts/accounts-page').then((m) => ({ default: m.AccountsPage })));
const AuditPage = lazy(() => import('../modules/audit/audit-page').then((m) => ({ default: m.AuditPage })));
const ResidentsPage = lazy(() => import('../modules/residents/residents-page').then((m) => ({ default: m.ResidentsPage })));
const ResidentDetailPage = lazy(() => import('../modules/residents/resident-detail-page').then((m) => ({ default: m.ResidentDetailPage })));
const BuildingPage = lazy(() => import('../modules/residents/building-page').then((m) => ({ default: m.BuildingPage })));
const CareDashboardPage = lazy(() => import('../modules/residents/care-dashboard-page').then((m) => ({ default: m.CareDashboardPage })));
const VisitsPage = lazy(() => import('../modules/residents/visits-page').then((m) => ({ default: m.VisitsPage })));
const ImportPage = lazy(() => import('../modules/residents/import-page').then((m) => ({ default: m.ImportPage })));
const RegisterPage = lazy(() => import('../modules/requests/register-page').then((m) => ({ default: m.RegisterPage })));
const RequestDetailPage = lazy(() => import('../modules/requests/request-detail-page').then((m) => ({ default: m.RequestDetailPage })));
const InboxPage = lazy(() => import('../modules/requests/inbox-page').then((m) => ({ default: m.InboxPage })));
const FollowUpsPage = lazy(() => import('../modules/requests/follow-ups-page').then((m) => ({ default: m.FollowUpsPage })));
const RequestStatsPage = lazy(() => import('../modules/requests/stats-page').then((m) => ({ default: m.StatsPage })));
const CategoriesPage = lazy(() => import('../modules/requests/categories-page').then((m) => ({ default: m.CategoriesPage })));
const CouncilAgendaPage = lazy(() => import('../modules/councils/council-agenda-page').then((m) => ({ default: m.CouncilAgendaPage })));
const WishesPage = lazy(() => import('../modules/wishes/wishes-page').then((m) => ({ default: m.WishesPage })));
const EchoWallPage = lazy(() => import('../modules/requests/echo-wall-page').then((m) => ({ default: m.EchoWallPage })));
const VolunteersPage = lazy(() => import('../modules/volunteers/volunteers-page').then((m) => ({ default: m.VolunteersPage })));
const TeamsPage = lazy(() => import('../modules/volunteers/teams-page').then((m) => ({ default: m.TeamsPage })));
const VolunteerStatsPage = lazy(() => import('../modules/volunteers/stats-page').then((m) => ({ default: m.VolunteerStatsPage })));
const EventsPage = lazy(() => import('../modules/events/events-page').then((m) => ({ default: m.EventsPage })));
const EventDetailPage = lazy(() => import('../modules/events/event-detail-page').then((m) => ({ default: m.EventDetailPage })));
const LectureTopicsPage = lazy(() => import('../modules/events/lecture-topics-page').then((m) => ({ default: m.LectureTopicsPage })));
const PointsPage = lazy(() => import('../modules/points/points-page').then((m) => ({ default: m.PointsPage })));
const CounterPage = lazy(() => import('../modules/store/counter-page').then((m) => ({ default: m.CounterPage })));
const GoodsPage = lazy(() => import('../modules/store/goods-page').then((m) => ({ default: m.GoodsPage })));
const DonationsPage = lazy(() => import('../modules/store/donations-page').then((m) => ({ default: m.DonationsPage })));
const StoreReportPage = lazy(() => import('../modules/store/report-page').then((m) => ({ default: m.StoreReportPage })));
const ProfilePage = lazy(() => import('../modules/auth/profile-page').then((m) => ({ default: m.ProfilePage })));

export const BRAND_RED = '#c8102e';

const themeConfig: ThemeConfig = {
  algorithm: antTheme.defaultAlgorithm,
  token: {
    colorPrimary: BRAND_RED,
    colorLink: BRAND_RED,
    colorInfo: '#1677ff',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px', siderBg: '#ffffff', bodyBg: '#f4f5f7' },
    Menu: { itemSelectedBg: '#fdecee', itemSelectedColor: BRAND_RED },
  },
};

function AntdConfig({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  return (
    <ConfigProvider
      locale={locale === 'zh-CN' ? zhCN : enUS}
      theme={themeConfig}
      button={{ autoInsertSpace: false }}
    >
      <AntApp className="gw-app">{children}</AntApp>
    </ConfigProvider>
  );
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* 回音壁 is public: outside the signed-in layout, no session needed. */}
      <Route
        path="/echo-wall/:communityId?"
        element={
          <Suspense fallback={<PageLoading fullscreen />}>
            <EchoWallPage />
          </Suspense>
        }
      />
      <Route
        path="/change-password"
        element={
          <RequireSession restriction="change_password">
            <ChangePasswordPage />
          </RequireSession>
        }
      />
      <Route
        path="/totp-enrol"
        element={
          <RequireSession restriction="enrol_totp">
            <TotpEnrolPage />
          </RequireSession>
        }
      />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<LandingRedirect />} />
        <Route
          path="places"
          element={
            <RequirePermission permission="place.read">
              <PlacesPage />
            </RequirePermission>
          }
        />
        <Route path="residents">
          <Route
            index
            element={
              <RequirePermission permission="resident.read">
                <ResidentsPage />
              </RequirePermission>
            }
          />
          <Route
            path="buildings/:buildingId?"
            element={
              <RequirePermission permission="resident.read">
                <BuildingPage />
              </RequirePermission>
            }
          />
          <Route
            path="care"
            element={
              <RequirePermission permission="resident.read">
                <CareDashboardPage />
              </RequirePermission>
            }
          />
          <Route
            path="visits"
            element={
              <RequirePermission permission="resident.read">
                <VisitsPage />
              </RequirePermission>
            }
          />
          <Route
            path="import"
            element={
              <RequirePermission permission="resident.import">
                <ImportPage />
              </RequirePermission>
            }
          />
          <Route
            path=":id"
            element={
              <RequirePermission permission="resident.read">
                <ResidentDetailPage />
              </RequirePermission>
            }
          />
        </Route>
        <Route path="requests">
          <Route
            index
            element={
              <RequirePermission permission="request.read">
                <RegisterPage />
              </RequirePermission>
            }
          />
          <Route
            path="inbox"
            element={
              <RequirePermission permission="request.handle">
                <InboxPage />
              </RequirePermission>
            }
          />
          <Route
            path="follow-ups"
            element={
              <RequirePermission permission="request.manage">
                <FollowUpsPage />
              </RequirePermission>
            }
          />
          <Route
            path="council"
            element={
              <RequirePermission permission="request.read">
                <CouncilAgendaPage />
              </RequirePermission>
            }
          />
          <Route
            path="stats"
            element={
              <RequirePermission permission="request.manage">
                <RequestStatsPage />
              </RequirePermission>
            }
          />
          <Route
            path="categories"
            element={
              <RequirePermission permission="request.configure">
                <CategoriesPage />
              </RequirePermission>
            }
          />
          <Route
            path=":id"
            element={
              <RequirePermission permission="request.read">
                <RequestDetailPage />
              </RequirePermission>
            }
          />
        </Route>
        <Route
          path="wishes"
          element={
            <RequirePermission permission="wish.read">
              <WishesPage />
            </RequirePermission>
          }
        />
        <Route path="volunteers">
          <Route
            index
            element={
              <RequirePermission permission="volunteer.read">
                <VolunteersPage />
              </RequirePermission>
            }
          />
          <Route
            path="teams"
            element={
              <RequirePermission permission="volunteer.read">
                <TeamsPage />
              </RequirePermission>
            }
          />
          <Route
            path="stats"
            element={
              <RequirePermission permission="volunteer.read">
                <VolunteerStatsPage />
              </RequirePermission>
            }
          />
        </Route>
        <Route path="events">
          <Route
            index
            element={
              <RequirePermission permission="event.read">
                <EventsPage />
              </RequirePermission>
            }
          />
          <Route
            path="topics"
            element={
              <RequirePermission permission="event.read">
                <LectureTopicsPage />
              </RequirePermission>
            }
          />
          <Route
            path=":id"
            element={
              <RequirePermission permission="event.read">
                <EventDetailPage />
              </RequirePermission>
            }
          />
        </Route>
        <Route
          path="points"
          element={
            <RequirePermission permission="points.read">
              <PointsPage />
            </RequirePermission>
          }
        />
        <Route path="store">
          <Route
            path="counter"
            element={
              <RequirePermission permission="store.redeem">
                <CounterPage />
              </RequirePermission>
            }
          />
          <Route
            path="goods"
            element={
              <RequirePermission permission="store.read">
                <GoodsPage />
              </RequirePermission>
            }
          />
          <Route
            path="donations"
            element={
              <RequirePermission permission="store.manage">
                <DonationsPage />
              </RequirePermission>
            }
          />
          <Route
            path="report"
            element={
              <RequirePermission permission="store.manage">
                <StoreReportPage />
              </RequirePermission>
            }
          />
        </Route>
        <Route
          path="party-orgs"
          element={
            <RequirePermission permission="party-org.read">
              <PartyOrgsPage />
            </RequirePermission>
          }
        />
        <Route
          path="party/members"
          element={
            <RequirePermission permission="party-member.read">
              <PartyMembersPage />
            </RequirePermission>
          }
        />
        <Route
          path="party/members/:id"
          element={
            <RequirePermission permission="party-member.read">
              <PartyMemberDetailPage />
            </RequirePermission>
          }
        />
        <Route
          path="party/anniversaries"
          element={
            <RequirePermission permission="party-member.read">
              <PartyAnniversariesPage />
            </RequirePermission>
          }
        />
        <Route
          path="party/scores"
          element={
            <RequirePermission permission="member-score.read">
              <MemberScoresPage />
            </RequirePermission>
          }
        />
        <Route
          path="party/scores/entries"
          element={
            <RequirePermission permission="member-score.enter">
              <MemberScoresEntriesPage />
            </RequirePermission>
          }
        />
        <Route
          path="party/scores/items"
          element={
            <RequirePermission permission="member-score.configure">
              <MemberScoresItemsPage />
            </RequirePermission>
          }
        />
        <Route
          path="party/sessions"
          element={
            <RequirePermission permission="org-life.read">
              <OrgLifeSessionsPage />
            </RequirePermission>
          }
        />
        <Route
          path="party/sessions/completeness"
          element={
            <RequirePermission permission="org-life.read">
              <OrgLifeCompletenessPage />
            </RequirePermission>
          }
        />
        <Route
          path="party/sessions/:id"
          element={
            <RequirePermission permission="org-life.read">
              <OrgLifeSessionDetailPage />
            </RequirePermission>
          }
        />
        <Route
          path="party/learning"
          element={
            <RequirePermission permission="learning.manage">
              <LearningPage />
            </RequirePermission>
          }
        />
        <Route
          path="party/quizzes"
          element={
            <RequirePermission permission="learning.manage">
              <QuizListPage />
            </RequirePermission>
          }
        />
        <Route
          path="party/enrolments"
          element={
            <RequirePermission permission="enrolment.approve">
              <EnrolmentsPage />
            </RequirePermission>
          }
        />
        <Route
          path="party/posts"
          element={
            <RequirePermission permission="service-post.manage">
              <ServicePostsPage />
            </RequirePermission>
          }
        />
        <Route
          path="party/employer-report"
          element={
            <RequirePermission permission="enrolment.approve">
              <EmployerReportPage />
            </RequirePermission>
          }
        />
        <Route
          path="accounts"
          element={
            <RequirePermission permission="user.read">
              <AccountsPage />
            </RequirePermission>
          }
        />
        <Route
          path="audit"
          element={
            <RequirePermission permission="audit.read">
              <AuditPage />
            </RequirePermission>
          }
        />
        <Route path="profile" element={<ProfilePage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export function AdminApp() {
  const queryClient = useMemo(() => createQueryClient(), []);
  return (
    <I18nProvider>
      <AntdConfig>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <BrowserRouter>
              <FeedbackBridge />
              <NavigationBridge />
              <AppRoutes />
            </BrowserRouter>
          </SessionProvider>
        </QueryClientProvider>
      </AntdConfig>
    </I18nProvider>
  );
}
