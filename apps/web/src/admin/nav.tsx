import type { ReactNode } from 'react';
import { ApartmentOutlined, AuditOutlined, ContactsOutlined, FlagOutlined, GiftOutlined, HeartOutlined, SmileOutlined, SolutionOutlined, TeamOutlined, TrophyOutlined, UserOutlined } from '@ant-design/icons';
import type { Permission } from '../api/types';
import type { MessageKey } from '../i18n';

export interface NavItem {
  path: string;
  labelKey: MessageKey;
  icon: ReactNode;
  /** Needed to see the item; null = everyone signed in. */
  permission: Permission | null;
  /** Sub-items (a menu group); the group's own path is only a key. */
  children?: readonly NavItem[];
}

/** The main menu, in display order; the first allowed item is the landing page. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/places', labelKey: 'nav.places', icon: <ApartmentOutlined />, permission: 'place.read' },
  {
    path: 'group:/residents',
    labelKey: 'nav.residents',
    icon: <ContactsOutlined />,
    permission: 'resident.read',
    children: [
      { path: '/residents', labelKey: 'nav.residentList', icon: null, permission: 'resident.read' },
      { path: '/residents/care', labelKey: 'nav.careGroups', icon: null, permission: 'resident.read' },
      { path: '/residents/visits', labelKey: 'nav.visits', icon: null, permission: 'resident.read' },
      { path: '/residents/import', labelKey: 'nav.residentImport', icon: null, permission: 'resident.import' },
    ],
  },
  {
    // Grid workers read the register and work their inbox; follow-ups, statistics and dispatch are the service centre's.
    path: 'group:/requests',
    labelKey: 'nav.requestsGroup',
    icon: <SolutionOutlined />,
    permission: 'request.read',
    children: [
      { path: '/requests/inbox', labelKey: 'nav.requestInbox', icon: null, permission: 'request.handle' },
      { path: '/requests', labelKey: 'nav.requests', icon: null, permission: 'request.read' },
      { path: '/requests/follow-ups', labelKey: 'nav.requestFollowUps', icon: null, permission: 'request.manage' },
      { path: '/requests/council', labelKey: 'nav.councilAgenda', icon: null, permission: 'request.read' },
      { path: '/requests/stats', labelKey: 'nav.requestStats', icon: null, permission: 'request.manage' },
      { path: '/requests/categories', labelKey: 'nav.requestCategories', icon: null, permission: 'request.configure' },
    ],
  },
  { path: '/wishes', labelKey: 'nav.wishes', icon: <HeartOutlined />, permission: 'wish.read' },
  {
    // 志愿服务: grid workers read volunteers and events; the service centre's staff organise them.
    path: 'group:/service',
    labelKey: 'nav.service',
    icon: <SmileOutlined />,
    permission: 'event.read',
    children: [
      { path: '/events', labelKey: 'nav.events', icon: null, permission: 'event.read' },
      { path: '/volunteers', labelKey: 'nav.volunteers', icon: null, permission: 'volunteer.read' },
      { path: '/volunteers/teams', labelKey: 'nav.teams', icon: null, permission: 'volunteer.read' },
      { path: '/events/topics', labelKey: 'nav.lectureTopics', icon: null, permission: 'event.read' },
      { path: '/volunteers/stats', labelKey: 'nav.volunteerStats', icon: null, permission: 'volunteer.read' },
    ],
  },
  { path: '/points', labelKey: 'nav.pointsLedger', icon: <TrophyOutlined />, permission: 'points.read' },
  {
    path: 'group:/store',
    labelKey: 'nav.store',
    icon: <GiftOutlined />,
    permission: 'store.read',
    children: [
      { path: '/store/counter', labelKey: 'nav.storeCounter', icon: null, permission: 'store.redeem' },
      { path: '/store/goods', labelKey: 'nav.storeGoods', icon: null, permission: 'store.read' },
      { path: '/store/donations', labelKey: 'nav.storeDonations', icon: null, permission: 'store.manage' },
      { path: '/store/report', labelKey: 'nav.storeReport', icon: null, permission: 'store.manage' },
    ],
  },
  {
    // 党建工作: grid workers read the members of their grid; the party committee's office runs the rest.
    path: 'group:/party',
    labelKey: 'nav.party',
    icon: <FlagOutlined />,
    permission: 'party-org.read',
    children: [
      { path: '/party-orgs', labelKey: 'nav.partyOrgs', icon: null, permission: 'party-org.read' },
      { path: '/party/members', labelKey: 'nav.partyMembers', icon: null, permission: 'party-member.read' },
      { path: '/party/anniversaries', labelKey: 'nav.partyAnniversaries', icon: null, permission: 'party-member.read' },
      { path: '/party/enrolments', labelKey: 'nav.enrolments', icon: null, permission: 'enrolment.approve' },
      { path: '/party/posts', labelKey: 'nav.servicePosts', icon: null, permission: 'service-post.manage' },
      { path: '/party/employer-report', labelKey: 'nav.employerReport', icon: null, permission: 'service-post.manage' },
      { path: '/party/sessions', labelKey: 'nav.orgLifeSessions', icon: null, permission: 'org-life.read' },
      { path: '/party/sessions/completeness', labelKey: 'nav.orgLifeCompleteness', icon: null, permission: 'org-life.read' },
      { path: '/party/learning', labelKey: 'nav.learning', icon: null, permission: 'learning.manage' },
      { path: '/party/quizzes', labelKey: 'nav.quizzes', icon: null, permission: 'learning.manage' },
      { path: '/party/scores', labelKey: 'nav.memberScores', icon: null, permission: 'member-score.read' },
      { path: '/party/scores/entries', labelKey: 'nav.scoreEntries', icon: null, permission: 'member-score.enter' },
      { path: '/party/scores/items', labelKey: 'nav.scoreItems', icon: null, permission: 'member-score.configure' },
    ],
  },
  { path: '/accounts', labelKey: 'nav.accounts', icon: <TeamOutlined />, permission: 'user.read' },
  { path: '/audit', labelKey: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { path: '/profile', labelKey: 'nav.profile', icon: <UserOutlined />, permission: null },
];

export function allowedNav(permissions: readonly Permission[]): NavItem[] {
  const allowed = (item: NavItem) => item.permission === null || permissions.includes(item.permission);
  return NAV_ITEMS.filter(allowed)
    .map((item) => (item.children ? { ...item, children: item.children.filter(allowed) } : item))
    .filter((item) => !item.children || item.children.length > 0);
}

export function landingPath(permissions: readonly Permission[]): string {
  const first = allowedNav(permissions)[0];
  return (first?.children ? first.children[0]?.path : first?.path) ?? '/profile';
}

/** Every item that is a page (groups replaced by their sub-items). */
function leafItems(): NavItem[] {
  return NAV_ITEMS.flatMap((item) => (item.children ? [...item.children] : [item]));
}

/** The menu item a location belongs to (the longest matching path). */
export function navItemOf(pathname: string): NavItem | undefined {
  let best: NavItem | undefined;
  for (const item of leafItems()) {
    if ((pathname === item.path || pathname.startsWith(`${item.path}/`)) && (!best || item.path.length > best.path.length)) best = item;
  }
  return best;
}

/** The group (sub-menu) a menu item sits in, if any. */
export function navGroupOf(path: string | undefined): NavItem | undefined {
  return path ? NAV_ITEMS.find((item) => item.children?.some((c) => c.path === path)) : undefined;
}

/** Whether a signed-in user may open this location (used for "go back where you were"). */
export function isPathAllowed(permissions: readonly Permission[], pathname: string): boolean {
  const item = navItemOf(pathname);
  return !item || item.permission === null || permissions.includes(item.permission);
}
