import type { ReactNode } from 'react';
import { ApartmentOutlined, AuditOutlined, FlagOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import type { Permission } from '../api/types';
import type { MessageKey } from '../i18n';

export interface NavItem {
  path: string;
  labelKey: MessageKey;
  icon: ReactNode;
  /** Needed to see the item; null = everyone signed in. */
  permission: Permission | null;
}

/** The main menu, in display order; the first allowed item is the landing page. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/places', labelKey: 'nav.places', icon: <ApartmentOutlined />, permission: 'place.read' },
  { path: '/party-orgs', labelKey: 'nav.partyOrgs', icon: <FlagOutlined />, permission: 'party-org.read' },
  { path: '/accounts', labelKey: 'nav.accounts', icon: <TeamOutlined />, permission: 'user.read' },
  { path: '/audit', labelKey: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { path: '/profile', labelKey: 'nav.profile', icon: <UserOutlined />, permission: null },
];

export function allowedNav(permissions: readonly Permission[]): NavItem[] {
  return NAV_ITEMS.filter((item) => item.permission === null || permissions.includes(item.permission));
}

export function landingPath(permissions: readonly Permission[]): string {
  return allowedNav(permissions)[0]?.path ?? '/profile';
}

/** The menu item a location belongs to. */
export function navItemOf(pathname: string): NavItem | undefined {
  return NAV_ITEMS.find((item) => pathname === item.path || pathname.startsWith(`${item.path}/`));
}

/** Whether a signed-in user may open this location (used for "go back where you were"). */
export function isPathAllowed(permissions: readonly Permission[], pathname: string): boolean {
  const item = navItemOf(pathname);
  return !item || item.permission === null || permissions.includes(item.permission);
}
