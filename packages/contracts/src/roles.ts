import { z } from 'zod';
import type { PlaceType } from './places';

export const ROLES = [
  'district_admin',
  'subdistrict_staff',
  'community_staff',
  'grid_leader',
  'grid_worker',
  'grid_informant',
  'building_captain',
  'party_member',
  'resident',
  'partner_contact',
  'system_admin',
  'security_admin',
  'auditor',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** 三员分立: no account may hold two of these. */
export const SEPARATED_DUTY_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'auditor'];

/** Roles that must use a second factor (TOTP) unless the account is a demo account. */
export const TOTP_REQUIRED_ROLES: readonly Role[] = ['system_admin', 'security_admin'];

export const PERMISSIONS = [
  'place.read',
  'place.write',
  'party-org.read',
  'party-org.write',
  'user.read',
  'user.write',
  'user.unlock',
  'role.assign',
  'role.assign-separated',
  'audit.read',
  'resident.read',
  'resident.write',
  'resident.reveal',
  'resident.read-minor',
  'resident.import',
  'resident.export',
  'care-group.configure',
  'visit.write',
  'request.read',
  'request.create',
  'request.handle',
  'request.manage',
  'request.follow-up',
  'request.configure',
  'wish.read',
  'wish.create',
  'wish.claim',
  'wish.manage',
  'api-key.manage',
  'volunteer.read',
  'volunteer.write',
  'volunteer.join',
  'event.read',
  'event.write',
  'event.signup',
  'points.read',
  'points.adjust',
  'store.read',
  'store.manage',
  'store.redeem',
  'store.reserve',
  'party-member.read',
  'party-member.write',
  'party.self-service',
  'enrolment.approve',
  'service-post.manage',
  'org-life.read',
  'org-life.write',
  'learning.manage',
  'member-score.read',
  'member-score.enter',
  'member-score.approve',
  'member-score.configure',
] as const;
export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;

/** Requests and wishes as the service centre works them (爱心快递 · 三事分流). */
const REQUESTS_STAFF: readonly Permission[] = [
  'request.read',
  'request.create',
  'request.handle',
  'request.manage',
  'request.follow-up',
  'wish.read',
  'wish.create',
  'wish.claim',
  'wish.manage',
];
/** 志愿服务 · 活动 · 积分 · 爱心超市 as the service centre runs them. */
const SERVICE_STAFF: readonly Permission[] = ['volunteer.read', 'volunteer.write', 'event.read', 'event.write', 'points.read', 'points.adjust', 'store.read', 'store.manage', 'store.redeem'];
/** What any resident does for themselves: volunteer, sign up, spend their own points. */
const SELF_SERVICE: readonly Permission[] = ['volunteer.join', 'event.read', 'event.signup', 'store.read', 'store.reserve'];

/** 党员管理 · 组织生活 · 学习 · 积分 as the community party committee's office runs them. */
const PARTY_STAFF: readonly Permission[] = [
  'party-member.read',
  'party-member.write',
  'enrolment.approve',
  'service-post.manage',
  'org-life.read',
  'org-life.write',
  'learning.manage',
  'member-score.read',
  'member-score.enter',
  'member-score.approve',
];

const REQUESTS_FIELD: readonly Permission[] = ['request.read', 'request.create', 'request.handle', 'request.follow-up', 'wish.read', 'wish.create', 'wish.claim'];

const RESIDENTS_STAFF: readonly Permission[] = [
  'resident.read',
  'resident.write',
  'resident.reveal',
  'resident.read-minor',
  'resident.import',
  'resident.export',
  'visit.write',
];
const STAFF: readonly Permission[] = [
  ...RESIDENTS_STAFF,
  ...REQUESTS_STAFF,
  ...SERVICE_STAFF,
  ...PARTY_STAFF,
  'place.read',
  'place.write',
  'party-org.read',
  'party-org.write',
  'user.read',
  'user.write',
  'user.unlock',
  'role.assign',
];
const FIELD: readonly Permission[] = ['place.read', 'party-org.read', 'party-member.read', 'resident.read', 'resident.write', 'visit.write', 'volunteer.read', 'event.read', ...REQUESTS_FIELD];

/** Capabilities are fixed per role; only the labels are configurable. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  // The district admin bootstraps a clean install, so it may also create the separated-duty accounts.
  district_admin: [...STAFF, 'role.assign-separated', 'care-group.configure', 'request.configure', 'api-key.manage', 'member-score.configure'],
  subdistrict_staff: [...STAFF, 'member-score.configure'],
  community_staff: STAFF,
  // The grid leader dispatches within the grid (派单), so may also manage requests there.
  grid_leader: [...FIELD, 'resident.read-minor', 'resident.export', 'request.manage', 'wish.manage', 'volunteer.read', 'event.read', 'event.write', 'points.read', 'org-life.read', 'member-score.read'],
  grid_worker: FIELD,
  grid_informant: ['place.read', 'party-org.read', 'resident.read', 'visit.write', 'request.read', 'request.create', 'wish.read', 'wish.create'],
  building_captain: ['place.read', 'resident.read', 'request.create', 'wish.read', 'wish.create', 'wish.claim', ...SELF_SERVICE],
  // Party members take requests proactively (主动接单) and claim micro-wishes; they do not read the register.
  // Members enrol, claim service posts, study, take quizzes and see their own scores (party.self-service).
  party_member: ['place.read', 'party-org.read', 'request.create', 'wish.read', 'wish.create', 'wish.claim', 'party.self-service', ...SELF_SERVICE],
  // Residents see their own requests (as reporter), and the wish wall of where they live as volunteers.
  // An in-service member may hold only a resident account here: they enrol (报到) through party.self-service.
  resident: ['place.read', 'request.create', 'wish.read', 'wish.create', 'wish.claim', 'party.self-service', ...SELF_SERVICE],
  partner_contact: ['place.read', 'request.read', 'request.handle'],
  system_admin: ['place.read', 'user.read', 'user.write', 'role.assign'],
  security_admin: ['place.read', 'user.read', 'user.unlock', 'role.assign-separated'],
  auditor: ['audit.read'],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const result = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) result.add(p);
  return result;
}

/** Where in the place tree each role may be held. */
export const ROLE_PLACE_TYPES: Readonly<Record<Role, readonly PlaceType[]>> = {
  district_admin: ['district'],
  subdistrict_staff: ['subdistrict'],
  community_staff: ['community'],
  grid_leader: ['grid'],
  grid_worker: ['grid'],
  grid_informant: ['grid'],
  building_captain: ['building'],
  party_member: ['community', 'grid', 'building', 'household'],
  resident: ['grid', 'building', 'household'],
  partner_contact: ['subdistrict', 'community'],
  system_admin: ['district'],
  security_admin: ['district'],
  auditor: ['district'],
};
