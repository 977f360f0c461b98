/**
 * The scope matrix: every /api/v1 route that takes the id of a record (in its path or as a list filter)
 * is called for a record of grid A by the worker of the sibling grid B and by the staff of the sibling
 * community B. Both must get 404 — the record's existence is not revealed — while its rightful owner
 * gets through. The table must cover every such route of the OpenAPI document: a new route without a
 * row here fails this file.
 */
import crypto from 'node:crypto';
import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import type { HTTPMethods, LightMyRequestResponse } from 'fastify';
import { checkDigitOf } from '@gridwork/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test-support/harness';
import { queryRows } from './db/sql';

interface Fixtures {
  /** Community A, grid A and a fresh small grid under grid A. */
  readonly gridA: string;
  readonly grid: string;
  /** A fresh empty building under grid A, for DELETE. */
  readonly leafBuilding: string;
  /** Grid A's party branch, and a fresh party group under it, for DELETE. */
  readonly branch: string;
  readonly leafGroup: string;
  /** A fresh account with two roles in grid A, and the id of its second role. */
  readonly user: string;
  readonly assignment: string;
  /** Household A's building, a fresh household in it with an adult resident (and a visit), and fresh ones for DELETE. */
  readonly building: string;
  readonly household: string;
  readonly leafHousehold: string;
  readonly resident: string;
  readonly leafResident: string;
  readonly importJob: string;
  /** A request in grid A with a photo, and a notification to grid A's worker. */
  readonly request: string;
  readonly photo: string;
  readonly notification: string;
  /** Wishes posted by community A's staff in grid A: open, open, claimed by grid A's worker, fulfilled. */
  readonly wishToClaim: string;
  readonly wishToCancel: string;
  readonly wishToFulfil: string;
  readonly wishToConfirm: string;
  /** The matrix resident's points entry (earned), for the account and the reversal. */
  readonly pointsEntry: string;
  /** Charity store goods of community A made by its staff; a counter redemption for the matrix resident; 李芳's reservation. */
  readonly storeGoods: string;
  readonly redemption: string;
  readonly reservation: string;
  /** An event in grid A by community A's staff, from two hours ago for three hours, with its start time. */
  readonly event: string;
  readonly eventStart: string;
  /** Sign-ups on it: one to cancel, and a fresh resident to sign up; 李芳's checked-out attendance to confirm. */
  readonly signupToCancel: string;
  readonly residentToSignUp: string;
  readonly attendanceToConfirm: string;
  /** A lecture topic in grid A. */
  readonly lectureTopic: string;
  /** A 支部党员大会 of grid A's branch two hours ago, 张明 absent (for the make-up), and a photo of it. */
  readonly orgLifeSession: string;
  readonly orgLifePhoto: string;
  readonly orgLifeAbsentMember: string;
  /** Major requests of grid A on community A's council agenda: one proposed, one scheduled. */
  readonly councilItem: string;
  readonly councilItemScheduled: string;
  readonly majorRequest: string;
}

/** 党员积分: 张明 (a member of grid A's branch) and two manual entries for him entered by grid A's worker, pending. */
interface ScoreFixtures {
  readonly member: string;
  readonly entryToApprove: string;
  readonly entryToReject: string;
}

/** 学习教育: a material of grid A's branch with two attachments; two quizzes for it, 张明's open attempt on the second. */
interface LearningFixtures {
  readonly material: string;
  readonly attachment: string;
  readonly attachmentToDelete: string;
  readonly quizToStart: string;
  readonly quiz: string;
  readonly attempt: string;
  readonly member: string;
}

/** 党员名册: a member of grid A's branch entered by community A's staff, and another one to transfer out. */
interface MemberFixtures {
  readonly member: string;
  readonly memberToTransfer: string;
}

/** 报到 and 服务岗位: pending enrolments to community A (李芳's, and one to reject); posts of grid A by its staff; 张明's claim with two hours entries. */
interface PostFixtures {
  readonly communityA: string;
  readonly enrolmentToApprove: string;
  readonly enrolmentToReject: string;
  readonly post: string;
  readonly postToClaim: string;
  readonly postToClose: string;
  readonly claim: string;
  readonly hoursToConfirm: string;
  readonly hoursToReject: string;
  readonly member: string;
}

type Method = Extract<HTTPMethods, 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'>;
/** `member`: 张明, a member of grid A's branch, for what only the member themself may do (take a quiz). */
type Owner = 'gridA' | 'staff' | 'member';

interface Row {
  readonly method: Method;
  /** As in the OpenAPI document. */
  readonly route: string;
  readonly url: (f: Fixtures) => string;
  readonly body?: (f: Fixtures) => Record<string, unknown>;
  /** Who may do this to the record: grid A's worker for reads where allowed, community A's staff for the rest. */
  readonly owner: Owner;
  /** What the owner gets where it is not 200 (a POST that creates a record under the one named, or a rule refusing what the owner may see). */
  readonly ownerStatus?: 201 | 409 | 415;
}

const RECORD_ROUTES: readonly Row[] = [
  { method: 'GET', route: '/api/v1/places/{id}', url: (f) => `/api/v1/places/${f.grid}`, owner: 'gridA' },
  { method: 'GET', route: '/api/v1/places/{id}/ancestors', url: (f) => `/api/v1/places/${f.grid}/ancestors`, owner: 'gridA' },
  { method: 'GET', route: '/api/v1/places/{id}/grid-boundaries', url: (f) => `/api/v1/places/${f.grid}/grid-boundaries`, owner: 'gridA' },
  { method: 'PATCH', route: '/api/v1/places/{id}', url: (f) => `/api/v1/places/${f.grid}`, body: () => ({ name: '矩阵小网格（改）' }), owner: 'staff' },
  { method: 'DELETE', route: '/api/v1/places/{id}', url: (f) => `/api/v1/places/${f.leafBuilding}`, owner: 'staff' },
  { method: 'GET', route: '/api/v1/party-orgs/{id}', url: (f) => `/api/v1/party-orgs/${f.branch}`, owner: 'gridA' },
  { method: 'PATCH', route: '/api/v1/party-orgs/{id}', url: (f) => `/api/v1/party-orgs/${f.branch}`, body: () => ({ name: '第一网格党支部（改）' }), owner: 'staff' },
  { method: 'DELETE', route: '/api/v1/party-orgs/{id}', url: (f) => `/api/v1/party-orgs/${f.leafGroup}`, owner: 'staff' },
  { method: 'GET', route: '/api/v1/party-members/{id}', url: () => `/api/v1/party-members/${memberFx.member}`, owner: 'gridA' },
  { method: 'PATCH', route: '/api/v1/party-members/{id}', url: () => `/api/v1/party-members/${memberFx.member}`, body: () => ({ position: 'committee_member' }), owner: 'staff' },
  { method: 'GET', route: '/api/v1/party-members/{id}/timeline', url: () => `/api/v1/party-members/${memberFx.member}/timeline`, owner: 'gridA' },
  // Out of the system, so the other rows' member stays in grid A.
  { method: 'POST', route: '/api/v1/party-members/{id}/transfers', url: () => `/api/v1/party-members/${memberFx.memberToTransfer}/transfers`, body: () => ({ toOrgName: '矩阵系统外党支部', transferredOn: '2026-01-05', reason: '矩阵转出' }), owner: 'staff', ownerStatus: 201 },
  // Grid workers hold no account permissions: community A's staff own grid A's accounts.
  { method: 'GET', route: '/api/v1/users/{id}', url: (f) => `/api/v1/users/${f.user}`, owner: 'staff' },
  { method: 'PATCH', route: '/api/v1/users/{id}', url: (f) => `/api/v1/users/${f.user}`, body: () => ({ displayName: '矩阵账号（改）' }), owner: 'staff' },
  { method: 'POST', route: '/api/v1/users/{id}/reset-password', url: (f) => `/api/v1/users/${f.user}/reset-password`, owner: 'staff' },
  { method: 'POST', route: '/api/v1/users/{id}/unlock', url: (f) => `/api/v1/users/${f.user}/unlock`, owner: 'staff' },
  { method: 'POST', route: '/api/v1/users/{id}/roles', url: (f) => `/api/v1/users/${f.user}/roles`, body: (f) => ({ role: 'grid_worker', placeId: f.gridA }), owner: 'staff' },
  { method: 'DELETE', route: '/api/v1/users/{id}/roles/{assignmentId}', url: (f) => `/api/v1/users/${f.user}/roles/${f.assignment}`, owner: 'staff' },
  { method: 'GET', route: '/api/v1/households/{id}', url: (f) => `/api/v1/households/${f.household}`, owner: 'gridA' },
  { method: 'PATCH', route: '/api/v1/households/{id}', url: (f) => `/api/v1/households/${f.household}`, body: () => ({ notes: '矩阵备注' }), owner: 'gridA' },
  { method: 'DELETE', route: '/api/v1/households/{id}', url: (f) => `/api/v1/households/${f.leafHousehold}`, owner: 'staff' },
  { method: 'GET', route: '/api/v1/residents/{id}', url: (f) => `/api/v1/residents/${f.resident}`, owner: 'gridA' },
  { method: 'PATCH', route: '/api/v1/residents/{id}', url: (f) => `/api/v1/residents/${f.resident}`, body: () => ({ notes: '矩阵备注' }), owner: 'gridA' },
  { method: 'DELETE', route: '/api/v1/residents/{id}', url: (f) => `/api/v1/residents/${f.leafResident}`, owner: 'staff' },
  // Revealing and the PIPL copy need resident.reveal, which grid workers do not hold.
  { method: 'POST', route: '/api/v1/residents/{id}/reveal', url: (f) => `/api/v1/residents/${f.resident}/reveal`, body: () => ({ field: 'idNumber', reason: '矩阵核对' }), owner: 'staff' },
  { method: 'GET', route: '/api/v1/residents/{id}/personal-data', url: (f) => `/api/v1/residents/${f.resident}/personal-data`, owner: 'staff' },
  { method: 'GET', route: '/api/v1/residents/{id}/visits', url: (f) => `/api/v1/residents/${f.resident}/visits`, owner: 'gridA' },
  { method: 'POST', route: '/api/v1/residents/{id}/visits', url: (f) => `/api/v1/residents/${f.resident}/visits`, body: () => ({ visitedAt: new Date().toISOString(), observations: '矩阵走访' }), owner: 'gridA', ownerStatus: 201 },
  // An import job belongs to whoever started it.
  { method: 'GET', route: '/api/v1/residents/imports/{id}', url: (f) => `/api/v1/residents/imports/${f.importJob}`, owner: 'staff' },
  { method: 'GET', route: '/api/v1/residents/imports/{id}/errors', url: (f) => `/api/v1/residents/imports/${f.importJob}/errors`, owner: 'staff' },
  { method: 'GET', route: '/api/v1/requests/{id}', url: (f) => `/api/v1/requests/${f.request}`, owner: 'gridA' },
  // The fixture request was not made public, so it cannot be followed from outside its scope.
  { method: 'POST', route: '/api/v1/requests/{id}/follow', url: (f) => `/api/v1/requests/${f.request}/follow`, owner: 'gridA', ownerStatus: 409 },
  { method: 'DELETE', route: '/api/v1/requests/{id}/follow', url: (f) => `/api/v1/requests/${f.request}/follow`, owner: 'gridA' },
  { method: 'GET', route: '/api/v1/requests/{id}/assignees', url: (f) => `/api/v1/requests/${f.request}/assignees`, owner: 'staff' },
  { method: 'POST', route: '/api/v1/requests/{id}/transitions', url: (f) => `/api/v1/requests/${f.request}/transitions`, body: () => ({ action: 'accept' }), owner: 'staff' },
  { method: 'GET', route: '/api/v1/request-photos/{id}', url: (f) => `/api/v1/request-photos/${f.photo}`, owner: 'gridA' },
  // A notification belongs to the one user it was sent to.
  { method: 'POST', route: '/api/v1/notifications/{id}/read', url: (f) => `/api/v1/notifications/${f.notification}/read`, owner: 'gridA' },
  { method: 'GET', route: '/api/v1/points/accounts/{residentId}', url: (f) => `/api/v1/points/accounts/${f.resident}`, owner: 'staff' },
  { method: 'POST', route: '/api/v1/points/entries/{id}/reverse', url: (f) => `/api/v1/points/entries/${f.pointsEntry}/reverse`, body: () => ({ reason: '矩阵冲正' }), owner: 'staff' },
  // Grid workers hold no store permissions: community A's staff run its charity store.
  { method: 'GET', route: '/api/v1/store/goods/{id}', url: (f) => `/api/v1/store/goods/${f.storeGoods}`, owner: 'staff' },
  { method: 'PATCH', route: '/api/v1/store/goods/{id}', url: (f) => `/api/v1/store/goods/${f.storeGoods}`, body: () => ({ pointsPrice: 35 }), owner: 'staff' },
  { method: 'GET', route: '/api/v1/store/redemptions/{id}', url: (f) => `/api/v1/store/redemptions/${f.redemption}`, owner: 'staff' },
  { method: 'POST', route: '/api/v1/store/redemptions/{id}/pick-up', url: (f) => `/api/v1/store/redemptions/${f.reservation}/pick-up`, owner: 'staff' },
  { method: 'POST', route: '/api/v1/store/redemptions/{id}/cancel', url: (f) => `/api/v1/store/redemptions/${f.redemption}/cancel`, owner: 'staff' },
  { method: 'GET', route: '/api/v1/wishes/{id}', url: (f) => `/api/v1/wishes/${f.wishToClaim}`, owner: 'gridA' },
  { method: 'POST', route: '/api/v1/wishes/{id}/claim', url: (f) => `/api/v1/wishes/${f.wishToClaim}/claim`, owner: 'gridA' },
  { method: 'POST', route: '/api/v1/wishes/{id}/fulfil', url: (f) => `/api/v1/wishes/${f.wishToFulfil}/fulfil`, body: () => ({ note: '已送到老人家中' }), owner: 'gridA' },
  { method: 'POST', route: '/api/v1/wishes/{id}/confirm', url: (f) => `/api/v1/wishes/${f.wishToConfirm}/confirm`, owner: 'staff' },
  { method: 'POST', route: '/api/v1/wishes/{id}/cancel', url: (f) => `/api/v1/wishes/${f.wishToCancel}/cancel`, owner: 'staff' },
  // Grid workers read events of their grid; organising (sign-ups for others, check-in codes, confirmation) is community A's staff's.
  { method: 'GET', route: '/api/v1/events/{id}', url: (f) => `/api/v1/events/${f.event}`, owner: 'gridA' },
  // Only the description changes: the other event rows (check-in at the fixture's times) must keep working.
  { method: 'PATCH', route: '/api/v1/events/{id}', url: (f) => `/api/v1/events/${f.event}`, body: () => ({ description: '矩阵活动说明（改）' }), owner: 'staff' },
  { method: 'POST', route: '/api/v1/events/{id}/signups', url: (f) => `/api/v1/events/${f.event}/signups`, body: (f) => ({ residentId: f.residentToSignUp }), owner: 'staff', ownerStatus: 201 },
  { method: 'POST', route: '/api/v1/events/{id}/signups/{signupId}/cancel', url: (f) => `/api/v1/events/${f.event}/signups/${f.signupToCancel}/cancel`, owner: 'staff' },
  { method: 'POST', route: '/api/v1/events/{id}/check-in', url: (f) => `/api/v1/events/${f.event}/check-in`, body: (f) => ({ residentId: f.resident, at: f.eventStart }), owner: 'staff' },
  { method: 'POST', route: '/api/v1/events/{id}/check-out', url: (f) => `/api/v1/events/${f.event}/check-out`, body: (f) => ({ residentId: f.resident, at: new Date(Date.parse(f.eventStart) + 3_600_000).toISOString() }), owner: 'staff' },
  { method: 'GET', route: '/api/v1/events/{id}/check-in-code', url: (f) => `/api/v1/events/${f.event}/check-in-code`, owner: 'staff' },
  { method: 'GET', route: '/api/v1/events/{id}/attendance', url: (f) => `/api/v1/events/${f.event}/attendance`, owner: 'gridA' },
  { method: 'POST', route: '/api/v1/events/{id}/attendance/{attendanceId}/confirm', url: (f) => `/api/v1/events/${f.event}/attendance/${f.attendanceToConfirm}/confirm`, owner: 'staff' },
  { method: 'GET', route: '/api/v1/council-agenda/{id}', url: (f) => `/api/v1/council-agenda/${f.councilItem}`, owner: 'gridA' },
  { method: 'POST', route: '/api/v1/council-agenda/{id}/schedule', url: (f) => `/api/v1/council-agenda/${f.councilItem}/schedule`, body: () => ({ meetingOn: '2026-12-05' }), owner: 'staff' },
  { method: 'POST', route: '/api/v1/council-agenda/{id}/decision', url: (f) => `/api/v1/council-agenda/${f.councilItemScheduled}/decision`, body: () => ({ decision: '矩阵决议' }), owner: 'staff' },
  { method: 'POST', route: '/api/v1/lecture-topics/{id}/votes', url: (f) => `/api/v1/lecture-topics/${f.lectureTopic}/votes`, owner: 'gridA' },
  // Grid workers hold no org-life permissions: community A's staff run grid A's branch's sessions.
  { method: 'GET', route: '/api/v1/org-life-sessions/{id}', url: (f) => `/api/v1/org-life-sessions/${f.orgLifeSession}`, owner: 'staff' },
  { method: 'PATCH', route: '/api/v1/org-life-sessions/{id}', url: (f) => `/api/v1/org-life-sessions/${f.orgLifeSession}`, body: () => ({ minutes: '矩阵会议记录' }), owner: 'staff' },
  { method: 'PUT', route: '/api/v1/org-life-sessions/{id}/attendance', url: (f) => `/api/v1/org-life-sessions/${f.orgLifeSession}/attendance`, body: (f) => ({ entries: [{ memberId: f.orgLifeAbsentMember, status: 'absent' }] }), owner: 'staff' },
  { method: 'POST', route: '/api/v1/org-life-sessions/{id}/make-ups', url: (f) => `/api/v1/org-life-sessions/${f.orgLifeSession}/make-ups`, body: (f) => ({ memberId: f.orgLifeAbsentMember, studiedOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10) }), owner: 'staff', ownerStatus: 201 },
  // A JSON body is no photo: the owner passes the scope check and is stopped by the content check.
  { method: 'POST', route: '/api/v1/org-life-sessions/{id}/photos', url: (f) => `/api/v1/org-life-sessions/${f.orgLifeSession}/photos`, owner: 'staff', ownerStatus: 415 },
  { method: 'GET', route: '/api/v1/org-life-sessions/{id}/photos', url: (f) => `/api/v1/org-life-sessions/${f.orgLifeSession}/photos`, owner: 'staff' },
  { method: 'GET', route: '/api/v1/org-life-sessions/{id}/photos/{photoId}', url: (f) => `/api/v1/org-life-sessions/${f.orgLifeSession}/photos/${f.orgLifePhoto}`, owner: 'staff' },
  // Grid workers hold no member-score permissions: community A's staff read and approve grid A's member scores.
  { method: 'GET', route: '/api/v1/party-members/{id}/scores', url: () => `/api/v1/party-members/${score.member}/scores`, owner: 'staff' },
  { method: 'POST', route: '/api/v1/member-score-entries/{id}/approve', url: () => `/api/v1/member-score-entries/${score.entryToApprove}/approve`, owner: 'staff' },
  { method: 'POST', route: '/api/v1/member-score-entries/{id}/reject', url: () => `/api/v1/member-score-entries/${score.entryToReject}/reject`, owner: 'staff' },
  // 学习教育: grid workers hold no learning permission; community A's staff manage grid A's branch's materials and quizzes.
  { method: 'GET', route: '/api/v1/study-materials/{id}', url: () => `/api/v1/study-materials/${learningFx.material}`, owner: 'staff' },
  { method: 'PATCH', route: '/api/v1/study-materials/{id}', url: () => `/api/v1/study-materials/${learningFx.material}`, body: () => ({ title: '矩阵学习资料（改）' }), owner: 'staff' },
  // A JSON body is no file: the owner passes the scope check and is stopped by the content check.
  { method: 'POST', route: '/api/v1/study-materials/{id}/attachments', url: () => `/api/v1/study-materials/${learningFx.material}/attachments`, owner: 'staff', ownerStatus: 415 },
  { method: 'GET', route: '/api/v1/study-materials/{id}/attachments/{attachmentId}', url: () => `/api/v1/study-materials/${learningFx.material}/attachments/${learningFx.attachment}`, owner: 'staff' },
  { method: 'DELETE', route: '/api/v1/study-materials/{id}/attachments/{attachmentId}', url: () => `/api/v1/study-materials/${learningFx.material}/attachments/${learningFx.attachmentToDelete}`, owner: 'staff' },
  // 送学上门 for 张明, recorded by community A's staff.
  { method: 'POST', route: '/api/v1/study-materials/{id}/studies', url: () => `/api/v1/study-materials/${learningFx.material}/studies`, body: () => ({ memberId: learningFx.member, mode: 'delivered', note: '矩阵送学' }), owner: 'staff', ownerStatus: 201 },
  { method: 'GET', route: '/api/v1/study-materials/{id}/studies', url: () => `/api/v1/study-materials/${learningFx.material}/studies`, owner: 'staff' },
  { method: 'GET', route: '/api/v1/quizzes/{id}', url: () => `/api/v1/quizzes/${learningFx.quiz}`, owner: 'staff' },
  // Renaming stays allowed after 张明's attempt (only the questions and scoring are fixed then).
  { method: 'PATCH', route: '/api/v1/quizzes/{id}', url: () => `/api/v1/quizzes/${learningFx.quiz}`, body: () => ({ title: '矩阵测试（改）' }), owner: 'staff' },
  { method: 'GET', route: '/api/v1/quizzes/{id}/attempts', url: () => `/api/v1/quizzes/${learningFx.quiz}/attempts`, owner: 'staff' },
  // Only the member takes a quiz and submits their own answers.
  { method: 'POST', route: '/api/v1/quizzes/{id}/attempts', url: () => `/api/v1/quizzes/${learningFx.quizToStart}/attempts`, owner: 'member', ownerStatus: 201 },
  { method: 'POST', route: '/api/v1/quiz-attempts/{id}/answers', url: () => `/api/v1/quiz-attempts/${learningFx.attempt}/answers`, body: () => ({ answers: [{ question: 0, selected: [0] }] }), owner: 'member' },
  { method: 'GET', route: '/api/v1/quiz-attempts/{id}', url: () => `/api/v1/quiz-attempts/${learningFx.attempt}`, owner: 'staff' },
  // 报到 is decided by community A's staff; grid workers hold no enrolment permission.
  { method: 'POST', route: '/api/v1/enrolments/{id}/approve', url: () => `/api/v1/enrolments/${postFx.enrolmentToApprove}/approve`, owner: 'staff' },
  { method: 'POST', route: '/api/v1/enrolments/{id}/reject', url: () => `/api/v1/enrolments/${postFx.enrolmentToReject}/reject`, body: () => ({ reason: '矩阵退回' }), owner: 'staff' },
  // 服务岗位: grid workers read their grid's posts, claims and hours; community A's staff manage them.
  { method: 'GET', route: '/api/v1/service-posts/{id}', url: () => `/api/v1/service-posts/${postFx.post}`, owner: 'gridA' },
  { method: 'POST', route: '/api/v1/service-posts/{id}/close', url: () => `/api/v1/service-posts/${postFx.postToClose}/close`, owner: 'staff' },
  { method: 'GET', route: '/api/v1/service-posts/{id}/claims', url: () => `/api/v1/service-posts/${postFx.post}/claims`, owner: 'gridA' },
  { method: 'POST', route: '/api/v1/service-posts/{id}/claims', url: () => `/api/v1/service-posts/${postFx.postToClaim}/claims`, body: () => ({ memberId: postFx.member }), owner: 'staff', ownerStatus: 201 },
  {
    method: 'POST',
    route: '/api/v1/service-post-claims/{id}/hours',
    url: () => `/api/v1/service-post-claims/${postFx.claim}/hours`,
    body: () => ({ servedOn: new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date()), hours: 0.5 }),
    owner: 'staff',
    ownerStatus: 201,
  },
  { method: 'POST', route: '/api/v1/service-post-hours/{id}/confirm', url: () => `/api/v1/service-post-hours/${postFx.hoursToConfirm}/confirm`, owner: 'staff' },
  { method: 'POST', route: '/api/v1/service-post-hours/{id}/reject', url: () => `/api/v1/service-post-hours/${postFx.hoursToReject}/reject`, body: () => ({ reason: '矩阵退回' }), owner: 'staff' },
];

interface FilterRow {
  readonly method: 'GET';
  readonly route: string;
  readonly param: string;
  readonly value: (f: Fixtures) => string;
  readonly owner: Owner;
  /** What the owner's answer must show. */
  readonly ownerSees: (body: unknown, f: Fixtures) => void;
  /**
   * Set where grid B's worker may not use the list at all: then they get the same 403 as for the
   * unfiltered list, which says nothing about the id.
   */
  readonly gridBClosed?: true;
}

const nonEmptyPage = (body: unknown) => expect((body as { items: unknown[] }).items.length).toBeGreaterThan(0);
/** An xlsx file is a zip archive. */
const xlsxFile = (body: unknown) => expect(Buffer.isBuffer(body) && body.subarray(0, 2).toString('latin1')).toBe('PK');

const LIST_FILTERS: readonly FilterRow[] = [
  { method: 'GET', route: '/api/v1/places', param: 'parentId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/party-orgs', param: 'parentId', value: (f) => f.branch, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/party-orgs', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/party-members', param: 'orgId', value: (f) => f.branch, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/party-members/export', param: 'orgId', value: (f) => f.branch, owner: 'gridA', ownerSees: xlsxFile },
  // The demo data gives every branch an anniversary in the coming month (the default).
  { method: 'GET', route: '/api/v1/party-anniversaries', param: 'orgId', value: (f) => f.branch, owner: 'gridA', ownerSees: (body) => expect((body as { items: unknown[] }).items.length).toBeGreaterThan(0) },
  { method: 'GET', route: '/api/v1/users', param: 'placeId', value: (f) => f.gridA, owner: 'staff', ownerSees: nonEmptyPage, gridBClosed: true },
  {
    method: 'GET',
    route: '/api/v1/dashboard/counters',
    param: 'placeId',
    value: (f) => f.gridA,
    owner: 'gridA',
    ownerSees: (body, f) => expect(body).toMatchObject({ placeId: f.gridA }),
  },
  { method: 'GET', route: '/api/v1/households', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/households', param: 'buildingId', value: (f) => f.building, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/residents', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/residents/export', param: 'placeId', value: (f) => f.gridA, owner: 'staff', ownerSees: xlsxFile, gridBClosed: true },
  { method: 'GET', route: '/api/v1/visits', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/visits', param: 'residentId', value: (f) => f.resident, owner: 'gridA', ownerSees: nonEmptyPage },
  {
    method: 'GET',
    route: '/api/v1/care-groups/dashboard',
    param: 'placeId',
    value: (f) => f.gridA,
    owner: 'gridA',
    ownerSees: (body, f) => expect(body).toMatchObject({ placeId: f.gridA, totals: expect.arrayContaining([expect.objectContaining({ code: 'elderly_60' })]) }),
  },
  { method: 'GET', route: '/api/v1/requests', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/requests/export', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: xlsxFile },
  { method: 'GET', route: '/api/v1/requests/stats', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: (body, f) => expect(body).toMatchObject({ placeId: f.gridA }) },
  { method: 'GET', route: '/api/v1/council-agenda', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/council-agenda', param: 'requestId', value: (f) => f.majorRequest, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/wishes', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/volunteers', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/volunteers/stats', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: (body, f) => expect(body).toMatchObject({ placeId: f.gridA }) },
  { method: 'GET', route: '/api/v1/teams', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/events', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/lecture-topics', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/member-scores', param: 'orgId', value: (f) => f.branch, owner: 'staff', ownerSees: nonEmptyPage, gridBClosed: true },
  { method: 'GET', route: '/api/v1/member-scores/export', param: 'orgId', value: (f) => f.branch, owner: 'staff', ownerSees: xlsxFile, gridBClosed: true },
  { method: 'GET', route: '/api/v1/member-score-entries', param: 'memberId', value: () => score.member, owner: 'staff', ownerSees: nonEmptyPage, gridBClosed: true },
  { method: 'GET', route: '/api/v1/member-score-entries', param: 'orgId', value: (f) => f.branch, owner: 'staff', ownerSees: nonEmptyPage, gridBClosed: true },
  // A grid is served by its community's store, so grid A's id finds community A's goods and records.
  { method: 'GET', route: '/api/v1/store/goods', param: 'placeId', value: (f) => f.gridA, owner: 'staff', ownerSees: nonEmptyPage, gridBClosed: true },
  { method: 'GET', route: '/api/v1/store/donations', param: 'placeId', value: (f) => f.gridA, owner: 'staff', ownerSees: nonEmptyPage, gridBClosed: true },
  { method: 'GET', route: '/api/v1/store/redemptions', param: 'placeId', value: (f) => f.gridA, owner: 'staff', ownerSees: nonEmptyPage, gridBClosed: true },
  { method: 'GET', route: '/api/v1/store/redemptions', param: 'residentId', value: (f) => f.resident, owner: 'staff', ownerSees: nonEmptyPage, gridBClosed: true },
  {
    method: 'GET',
    route: '/api/v1/store/report',
    param: 'placeId',
    value: (f) => f.gridA,
    owner: 'staff',
    ownerSees: (body, f) => expect(body).toMatchObject({ placeId: f.gridA, lines: expect.arrayContaining([expect.objectContaining({ goodsId: f.storeGoods })]) }),
    gridBClosed: true,
  },
  // Org-life is party staff work: grid workers get the same 403 with or without the id.
  { method: 'GET', route: '/api/v1/org-life-sessions', param: 'orgId', value: (f) => f.branch, owner: 'staff', ownerSees: nonEmptyPage, gridBClosed: true },
  { method: 'GET', route: '/api/v1/org-life-sessions/export', param: 'orgId', value: (f) => f.branch, owner: 'staff', ownerSees: xlsxFile, gridBClosed: true },
  {
    method: 'GET',
    route: '/api/v1/org-life-sessions/completeness',
    param: 'orgId',
    value: (f) => f.branch,
    owner: 'staff',
    ownerSees: (body, f) => expect(body).toMatchObject({ orgs: expect.arrayContaining([expect.objectContaining({ orgId: f.branch })]) }),
    gridBClosed: true,
  },
  { method: 'GET', route: '/api/v1/org-life-frequencies', param: 'placeId', value: (f) => f.gridA, owner: 'staff', ownerSees: (body, f) => expect(body).toMatchObject({ placeId: f.gridA }), gridBClosed: true },
  // Enrolments and the employer report are community staff's (enrolment.approve): grid workers get the same 403 with or without the id.
  { method: 'GET', route: '/api/v1/enrolments', param: 'communityId', value: () => postFx.communityA, owner: 'staff', ownerSees: nonEmptyPage, gridBClosed: true },
  {
    method: 'GET',
    route: '/api/v1/enrolments/employer-report',
    param: 'communityId',
    value: () => postFx.communityA,
    owner: 'staff',
    ownerSees: (body) => expect(body).toMatchObject({ communityId: postFx.communityA, rows: expect.arrayContaining([expect.objectContaining({ employer: '矩阵单位' })]) }),
    gridBClosed: true,
  },
  { method: 'GET', route: '/api/v1/enrolments/employer-report/export', param: 'communityId', value: () => postFx.communityA, owner: 'staff', ownerSees: xlsxFile, gridBClosed: true },
  { method: 'GET', route: '/api/v1/service-posts', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/service-post-hours', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  // 学习教育 is members' and party staff's: grid workers get the same 403 with or without the id.
  { method: 'GET', route: '/api/v1/study-materials', param: 'orgId', value: (f) => f.branch, owner: 'staff', ownerSees: nonEmptyPage, gridBClosed: true },
  { method: 'GET', route: '/api/v1/quizzes', param: 'orgId', value: (f) => f.branch, owner: 'staff', ownerSees: nonEmptyPage, gridBClosed: true },
  { method: 'GET', route: '/api/v1/learning/leaderboard', param: 'orgId', value: (f) => f.branch, owner: 'staff', ownerSees: (body, f) => expect(body).toMatchObject({ orgId: f.branch }), gridBClosed: true },
];

/** Id filters that are deliberately not scoped by place, with the reason. */
const UNSCOPED_FILTERS: Readonly<Record<string, string>> = {
  'GET /api/v1/public/echo-wall?communityId': 'the echo wall is public by design and carries no personal data',
  'GET /api/v1/events/calendar.ics?communityId': 'the events calendar is a public feed of published events by design, with no personal data',
  'GET /api/v1/audit?entityId': 'the audit log is not place data: only the district auditor (audit.read) reads it, whole',
};

/** Record routes whose records belong to no place, with the reason: they answer 403 to everyone without the permission, whatever the id. */
const UNSCOPED_ROUTES: Readonly<Record<string, string>> = {
  'PATCH /api/v1/member-score-items/{id}': 'the member scoresheet is one deployment-wide configuration, not place data: only member-score.configure (district and subdistrict staff) edits it',
};

const rowKey = (r: { method: string; route: string }) => `${r.method} ${r.route}`;
const filterKey = (r: FilterRow) => `${r.method} ${r.route}?${r.param}`;
const filterUrl = (r: FilterRow, value: string) => `${r.route}?${r.param}=${value}`;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** The same URL with every id replaced by one that exists nowhere. */
const withUnknownIds = (url: string) => url.replace(UUID, () => crypto.randomUUID());

let t: TestApp;
let f: Fixtures;
let score: ScoreFixtures;
let memberFx: MemberFixtures;
let learningFx: LearningFixtures;
let postFx: PostFixtures;
let clients: Record<'gridA' | 'gridB' | 'staff' | 'staffB' | 'member', Client>;

function send(client: Client, method: Method, url: string, body?: Record<string, unknown>): Promise<LightMyRequestResponse> {
  switch (method) {
    case 'GET':
      return client.get(url);
    case 'POST':
      return client.post(url, body);
    case 'PATCH':
      return client.patch(url, body);
    case 'PUT':
      return client.put(url, body);
    case 'DELETE':
      return client.delete(url);
  }
}

function created<T>(response: LightMyRequestResponse): T {
  expect(response.statusCode, response.body).toBe(201);
  return response.json<T>();
}

/** Status and body, without the request-specific `instance`. */
function answer(response: LightMyRequestResponse): { status: number; body: unknown } {
  const body = response.json<Record<string, unknown>>();
  delete body.instance;
  return { status: response.statusCode, body };
}

beforeAll(async () => {
  t = await createTestApp();
  const demo = await t.demo();
  const [gridA, gridB, staff, staffB] = await Promise.all(['gridA', 'gridB', 'staff', 'staffB'].map((u) => t.login(u)));
  clients = { gridA: gridA!, gridB: gridB!, staff: staff!, staffB: staffB!, member: await t.login('member') };
  const grid = created<{ id: string }>(await staff!.post('/api/v1/places', { parentId: demo.gridA.id, type: 'grid', name: '矩阵小网格' })).id;
  const leafBuilding = created<{ id: string }>(await staff!.post('/api/v1/places', { parentId: demo.gridA.id, type: 'building', name: '矩阵楼栋' })).id;
  const branch = (await staff!.get(`/api/v1/party-orgs?placeId=${demo.gridA.id}`)).json<{ items: { id: string; type: string }[] }>().items.find((o) => o.type === 'branch')!.id;
  const leafGroup = created<{ id: string }>(await staff!.post('/api/v1/party-orgs', { parentId: branch, type: 'group', name: '矩阵党小组', placeId: grid })).id;
  const user = created<{ user: { id: string } }>(await staff!.post('/api/v1/users', { username: 'matrix-user', displayName: '矩阵账号', role: 'grid_informant', placeId: demo.gridA.id })).user.id;
  const withRole = await staff!.post(`/api/v1/users/${user}/roles`, { role: 'building_captain', placeId: demo.householdA.parentId! });
  expect(withRole.statusCode, withRole.body).toBe(200);
  const assignment = withRole.json<{ roles: { id: string; role: string }[] }>().roles.find((r) => r.role === 'building_captain')!.id;
  const building = demo.householdA.parentId!;
  const household = created<{ id: string }>(await staff!.post('/api/v1/households', { buildingId: building, name: '矩阵户' })).id;
  const leafHousehold = created<{ id: string }>(await staff!.post('/api/v1/households', { buildingId: building, name: '矩阵空户' })).id;
  const idNumber = (seq: number) => `34040619800101${seq}${checkDigitOf(`34040619800101${seq}`)}`;
  const resident = created<{ id: string }>(await staff!.post('/api/v1/residents', { householdId: household, name: '矩阵居民', idNumber: idNumber(881) })).id;
  const leafResident = created<{ id: string }>(await staff!.post('/api/v1/residents', { householdId: household, name: '矩阵注销', idNumber: idNumber(883) })).id;
  created(await staff!.post(`/api/v1/residents/${resident}/visits`, { visitedAt: new Date().toISOString(), observations: '矩阵走访' }));
  const staffId = (await staff!.get('/api/v1/auth/me')).json<{ id: string }>().id;
  const [job] = await queryRows<{ id: string }>(
    t.database.db,
    sql`INSERT INTO resident_imports (status, mode, file_name, total, processed, actor_id, finished_at) VALUES ('done', 'skip-invalid', '矩阵.xlsx', 0, 0, ${staffId}, now()) RETURNING id`,
  );
  const importJob = job!.id;
  const photoPng = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } }).png().toBuffer();
  const boundary = '----matrix';
  const photo = created<{ id: string }>(
    await staff!.post('/api/v1/request-photos', Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.png"\r\nContent-Type: image/png\r\n\r\n`), photoPng, Buffer.from(`\r\n--${boundary}--\r\n`)]), {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    }),
  ).id;
  const request = created<{ id: string }>(await staff!.post('/api/v1/requests', { channel: 'counter', category: 'facilities.lighting', description: '矩阵诉求：路灯不亮', placeId: building, photoIds: [photo] })).id;
  const gridAId = (await gridA!.get('/api/v1/auth/me')).json<{ id: string }>().id;
  const assignable = created<{ id: string }>(await staff!.post('/api/v1/requests', { channel: 'counter', category: 'facilities.lighting', description: '矩阵诉求：派给网格员', placeId: building }));
  expect((await staff!.post(`/api/v1/requests/${assignable.id}/transitions`, { action: 'assign', ownerUserId: gridAId })).statusCode).toBe(200);
  const notification = (await gridA!.get('/api/v1/notifications')).json<{ items: { id: string }[] }>().items[0]!.id;
  const wish = async () => created<{ id: string }>(await staff!.post('/api/v1/wishes', { title: '矩阵心愿', description: '想要一台收音机', beneficiary: '王阿姨', placeId: building })).id;
  const [wishToClaim, wishToCancel, wishToFulfil, wishToConfirm] = [await wish(), await wish(), await wish(), await wish()];
  for (const id of [wishToFulfil, wishToConfirm]) expect((await gridA!.post(`/api/v1/wishes/${id}/claim`)).statusCode).toBe(200);
  expect((await gridA!.post(`/api/v1/wishes/${wishToConfirm}/fulfil`, { note: '已送到' })).statusCode).toBe(200);
  const pointsEntry = (await t.app.services.points.earn(t.database.db, { residentId: resident, amount: 10, sourceType: 'matrix', sourceId: null, reason: '矩阵积分', actor: null, key: 'matrix-earn' })).entryId;
  const storeGoods = created<{ id: string }>(await staff!.post('/api/v1/store/goods', { placeId: demo.communityA.id, name: '矩阵毛巾', category: '日用品', pointsPrice: 30, stock: 10, unit: '条' })).id;
  created(await staff!.post('/api/v1/store/donations', { kind: 'goods', donorType: 'partner_unit', donorName: '矩阵共建单位', goodsId: storeGoods, quantity: 2, estimatedValue: 40 }));
  await t.app.services.points.earn(t.database.db, { residentId: resident, amount: 100, sourceType: 'matrix', sourceId: null, reason: '矩阵积分', actor: null, key: 'matrix-store-earn' });
  const redemption = created<{ id: string }>(await staff!.post('/api/v1/store/redemptions', { residentId: resident, goodsId: storeGoods, quantity: 1 })).id;
  const lifangClient = await t.login('resident');
  const lifang = (await t.app.services.residents.residentIdOf((await lifangClient.get('/api/v1/auth/me')).json<{ id: string }>().id))!;
  await t.app.services.points.earn(t.database.db, { residentId: lifang, amount: 100, sourceType: 'matrix', sourceId: null, reason: '矩阵积分', actor: null, key: 'matrix-store-earn-lifang' });
  const reservation = created<{ id: string }>(await lifangClient.post('/api/v1/store/redemptions', { residentId: lifang, goodsId: storeGoods, quantity: 1 })).id;
  // Events: one in grid A, open for sign-up; 李芳 checked in and out (to confirm), two register entries signed up by staff.
  const eventStart = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 2 * 3_600_000);
  const eventEnd = new Date(eventStart.getTime() + 3 * 3_600_000);
  const event = created<{ id: string }>(
    await staff!.post('/api/v1/events', { title: '矩阵活动', type: 'volunteer_service', placeId: demo.gridA.id, startsAt: eventStart.toISOString(), endsAt: eventEnd.toISOString(), signupClosesAt: eventEnd.toISOString(), capacity: 20 }),
  ).id;
  const residentToCancel = created<{ id: string }>(await staff!.post('/api/v1/residents', { householdId: household, name: '矩阵取消', idNumber: idNumber(891) })).id;
  const residentToSignUp = created<{ id: string }>(await staff!.post('/api/v1/residents', { householdId: household, name: '矩阵报名', idNumber: idNumber(893) })).id;
  const signupToCancel = created<{ id: string }>(await staff!.post(`/api/v1/events/${event}/signups`, { residentId: residentToCancel })).id;
  created(await staff!.post(`/api/v1/events/${event}/signups`, { residentId: resident }));
  created(await lifangClient.post(`/api/v1/events/${event}/signups`, {}));
  expect((await staff!.post(`/api/v1/events/${event}/check-in`, { residentId: lifang, at: eventStart.toISOString() })).statusCode).toBe(200);
  const attendanceToConfirm = (await staff!.post(`/api/v1/events/${event}/check-out`, { residentId: lifang, at: eventEnd.toISOString() })).json<{ id: string }>().id;
  created(await staff!.post('/api/v1/volunteers', { residentId: resident }));
  created(await staff!.post('/api/v1/teams', { name: '矩阵服务队', colour: 'green', placeId: demo.gridA.id }));
  const lectureTopic = created<{ id: string }>(await staff!.post('/api/v1/lecture-topics', { title: '矩阵讲题', placeId: demo.gridA.id })).id;
  const orgLifeStart = Math.floor(Date.now() / 60_000) * 60_000 - 2 * 3_600_000;
  const orgLifeSession = created<{ id: string }>(
    await staff!.post('/api/v1/org-life-sessions', { type: 'branch_general_meeting', orgId: branch, title: '矩阵党员大会', startsAt: new Date(orgLifeStart).toISOString(), endsAt: new Date(orgLifeStart + 3_600_000).toISOString() }),
  ).id;
  const [absentMember] = await queryRows<{ id: string }>(t.database.db, sql`SELECT m.id FROM party_members m JOIN users u ON u.id = m.user_id WHERE u.username = 'member'`);
  const orgLifeAbsentMember = absentMember!.id;
  expect((await staff!.put(`/api/v1/org-life-sessions/${orgLifeSession}/attendance`, { entries: [{ memberId: orgLifeAbsentMember, status: 'absent' }] })).statusCode).toBe(200);
  const orgLifePhoto = created<{ id: string }>(
    await staff!.post(`/api/v1/org-life-sessions/${orgLifeSession}/photos`, Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.png"\r\nContent-Type: image/png\r\n\r\n`), photoPng, Buffer.from(`\r\n--${boundary}--\r\n`)]), {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    }),
  ).id;
  const major = async () => {
    const id = created<{ id: string }>(await staff!.post('/api/v1/requests', { channel: 'counter', category: 'facilities.elevator', description: '矩阵大事：加装电梯', placeId: building, triage: 'major' })).id;
    return { id, item: (await staff!.get(`/api/v1/council-agenda?requestId=${id}`)).json<{ items: { id: string }[] }>().items[0]!.id };
  };
  const [majorProposed, majorScheduled] = [await major(), await major()];
  expect((await staff!.post(`/api/v1/council-agenda/${majorScheduled.item}/schedule`, { meetingOn: '2026-12-05' })).statusCode).toBe(200);
  f = { gridA: demo.gridA.id, grid, leafBuilding, branch, leafGroup, user, assignment, building, household, leafHousehold, resident, leafResident, importJob, request, photo, notification, wishToClaim, wishToCancel, wishToFulfil, wishToConfirm, pointsEntry, storeGoods, redemption, reservation, event, eventStart: eventStart.toISOString(), signupToCancel, residentToSignUp, attendanceToConfirm, lectureTopic, orgLifeSession, orgLifePhoto, orgLifeAbsentMember, councilItem: majorProposed.item, councilItemScheduled: majorScheduled.item, majorRequest: majorProposed.id };
  const [scoreMember] = await queryRows<{ id: string }>(t.database.db, sql`SELECT m.id FROM party_members m JOIN users u ON u.id = m.user_id WHERE u.username = 'member'`);
  const scoreEntry = async (reason: string) =>
    (
      await queryRows<{ id: string }>(
        t.database.db,
        sql`INSERT INTO member_score_entries (member_id, org_id, place_path, item_id, dimension, points, year, source_type, reason, status, entered_by, occurred_at)
          SELECT m.id, m.org_id, m.place_path, i.id, i.dimension, i.points, extract(year FROM now())::int, 'manual', ${reason}, 'pending', ${gridAId}, now()
          FROM party_members m, member_score_items i WHERE m.id = ${scoreMember!.id} AND i.code = 'commendation' RETURNING id`,
      )
    )[0]!.id;
  score = { member: scoreMember!.id, entryToApprove: await scoreEntry('矩阵积分：待通过'), entryToReject: await scoreEntry('矩阵积分：待驳回') };
  const newMember = async (name: string) =>
    created<{ id: string }>(await staff!.post('/api/v1/party-members', { orgId: branch, name, status: 'full', type: 'resident', stages: { probationaryOn: '2010-06-01', fullOn: '2011-06-01' } })).id;
  memberFx = { member: await newMember('矩阵党员'), memberToTransfer: await newMember('矩阵转出党员') };
  const studyMaterial = created<{ id: string }>(await staff!.post('/api/v1/study-materials', { title: '矩阵学习资料', body: '矩阵学习正文', orgIds: [branch] })).id;
  const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
  const studyAttachment = async () =>
    created<{ id: string }>(
      await staff!.post(`/api/v1/study-materials/${studyMaterial}/attachments`, Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), pdf, Buffer.from(`\r\n--${boundary}--\r\n`)]), {
        'content-type': `multipart/form-data; boundary=${boundary}`,
      }),
    ).id;
  const quiz = async () =>
    created<{ id: string }>(
      await staff!.post('/api/v1/quizzes', {
        title: '矩阵测试',
        orgIds: [branch],
        opensAt: new Date(Date.now() - 3_600_000).toISOString(),
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        timeLimitSeconds: 3600,
        attemptPolicy: 'once',
        passScore: 10,
        questions: [{ stem: '矩阵题', kind: 'single', options: ['对', '错'], correct: [0], points: 10 }],
      }),
    ).id;
  const [quizToStart, quizAnswered] = [await quiz(), await quiz()];
  const attempt = created<{ id: string }>(await clients.member.post(`/api/v1/quizzes/${quizAnswered}/attempts`)).id;
  learningFx = { material: studyMaterial, attachment: await studyAttachment(), attachmentToDelete: await studyAttachment(), quizToStart, quiz: quizAnswered, attempt, member: scoreMember!.id };
  const beijingDay = (offset: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offset * 86_400_000));
  const enrolmentToApprove = created<{ id: string }>(
    await lifangClient.post('/api/v1/enrolments', { communityId: demo.communityA.id, employer: '矩阵单位', homeOrgName: '矩阵单位党支部', status: 'full', fullOn: '2015-07-01', phone: '13900009999' }),
  ).id;
  const [enrolmentToReject] = await queryRows<{ id: string }>(
    t.database.db,
    sql`INSERT INTO party_enrolments (user_id, community_id, place_path, name, phone_enc, phone_masked, employer, home_org_name, status, full_on)
      SELECT ${user}, p.id, p.path, '矩阵报到', 'x', '139****0000', '矩阵单位', '矩阵单位党支部', 'full', '2015-07-01' FROM places p WHERE p.id = ${demo.communityA.id} RETURNING id`,
  );
  const servicePost = async (title: string) =>
    created<{ id: string }>(await staff!.post('/api/v1/service-posts', { placeId: demo.gridA.id, kind: 'civility_persuasion', title, capacity: 5, startsOn: beijingDay(-3), endsOn: beijingDay(30) })).id;
  const [post, postToClaim, postToClose] = [await servicePost('矩阵岗位'), await servicePost('矩阵待认领岗位'), await servicePost('矩阵待关闭岗位')];
  const claim = created<{ id: string }>(await staff!.post(`/api/v1/service-posts/${post}/claims`, { memberId: scoreMember!.id })).id;
  const hours = async (offset: number) => created<{ id: string }>(await staff!.post(`/api/v1/service-post-claims/${claim}/hours`, { servedOn: beijingDay(offset), hours: 1 })).id;
  postFx = { communityA: demo.communityA.id, enrolmentToApprove, enrolmentToReject: enrolmentToReject!.id, post, postToClaim, postToClose, claim, hoursToConfirm: await hours(-1), hoursToReject: await hours(-2), member: scoreMember!.id };
});

describe('the matrix covers every route that takes a record id', () => {
  interface OpenApiParameter {
    name: string;
    in: string;
  }
  type OpenApiPaths = Record<string, Record<string, { parameters?: OpenApiParameter[] }>>;
  const operations = async () => {
    const doc = (await t.anonymous().get('/api/docs/json')).json<{ paths: OpenApiPaths }>();
    return Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, operation]) => ({ method: method.toUpperCase(), path, parameters: operation.parameters ?? [] })),
    );
  };

  it('has a row for every /api/v1 operation with an id in its path', async () => {
    const documented = (await operations()).filter((o) => o.path.startsWith('/api/v1/') && o.path.includes('{')).map((o) => rowKey({ method: o.method, route: o.path }));
    expect(documented.length).toBeGreaterThanOrEqual(RECORD_ROUTES.length);
    expect([...RECORD_ROUTES.map(rowKey), ...Object.keys(UNSCOPED_ROUTES)].sort()).toEqual([...new Set(documented)].sort());
  });

  it('has a row for every list filter that takes an id', async () => {
    const documented = (await operations())
      .filter((o) => o.path.startsWith('/api/v1/'))
      .flatMap((o) => o.parameters.filter((p) => p.in === 'query' && /Id$/.test(p.name)).map((p) => `${o.method} ${o.path}?${p.name}`));
    expect([...LIST_FILTERS.map(filterKey), ...Object.keys(UNSCOPED_FILTERS)].sort()).toEqual(documented.sort());
  });

  it('names only routes the server really has', () => {
    for (const row of [...RECORD_ROUTES, ...LIST_FILTERS]) {
      expect(t.app.hasRoute({ method: row.method, url: row.route.replace(/\{(\w+)\}/g, ':$1') }), rowKey(row)).toBe(true);
    }
  });
});

describe('a sibling grid’s worker and a sibling community’s staff get 404', () => {
  for (const row of RECORD_ROUTES) {
    it(rowKey(row), async () => {
      for (const who of ['gridB', 'staffB'] as const) {
        const response = await send(clients[who], row.method, row.url(f), row.body?.(f));
        expect(response.statusCode, `${who}: ${response.body}`).toBe(404);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json<{ code: string }>().code).toBe('not_found');
        // Exactly what an id that exists nowhere gets.
        expect(answer(response)).toEqual(answer(await send(clients[who], row.method, withUnknownIds(row.url(f)), row.body?.(f))));
      }
    });
  }

  for (const row of LIST_FILTERS) {
    it(filterKey(row), async () => {
      for (const who of ['gridB', 'staffB'] as const) {
        const response = await clients[who].get(filterUrl(row, row.value(f)));
        if (who === 'gridB' && row.gridBClosed) {
          expect(response.statusCode, response.body).toBe(403);
          expect(answer(response)).toEqual(answer(await clients[who].get(row.route)));
        } else {
          expect(response.statusCode, `${who}: ${response.body}`).toBe(404);
          expect(response.json<{ code: string }>().code).toBe('not_found');
        }
        expect(answer(response)).toEqual(answer(await clients[who].get(filterUrl(row, crypto.randomUUID()))));
      }
    });
  }

  it('and none of their attempts changed anything', async () => {
    const staff = clients.staff;
    expect((await staff.get(`/api/v1/places/${f.grid}`)).json<{ name: string }>().name).toBe('矩阵小网格');
    expect((await staff.get(`/api/v1/places/${f.leafBuilding}`)).statusCode).toBe(200);
    expect((await staff.get(`/api/v1/party-orgs/${f.branch}`)).json<{ name: string }>().name).toBe('第一网格党支部');
    expect((await staff.get(`/api/v1/party-orgs/${f.leafGroup}`)).statusCode).toBe(200);
    const user = (await staff.get(`/api/v1/users/${f.user}`)).json<{ displayName: string; roles: unknown[] }>();
    expect(user.displayName).toBe('矩阵账号');
    expect(user.roles).toHaveLength(2);
    const [writes] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE actor_name IN ('gridB', 'staffB') AND action NOT LIKE 'auth.%'`);
    expect(Number(writes!.n)).toBe(0);
  });
});

describe('the rightful owner gets through', () => {
  for (const row of RECORD_ROUTES) {
    it(`${rowKey(row)} as ${row.owner}`, async () => {
      const response = await send(clients[row.owner], row.method, row.url(f), row.body?.(f));
      expect(response.statusCode, response.body).toBe(row.ownerStatus ?? 200);
    });
  }

  for (const row of LIST_FILTERS) {
    it(`${filterKey(row)} as ${row.owner}`, async () => {
      const response = await clients[row.owner].get(filterUrl(row, row.value(f)));
      expect(response.statusCode, response.body).toBe(200);
      row.ownerSees(String(response.headers['content-type']).includes('json') ? response.json<unknown>() : response.rawPayload, f);
    });
  }
});
