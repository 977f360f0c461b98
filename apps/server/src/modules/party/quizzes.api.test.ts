import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Leaderboard, Quiz, QuizAttemptResult, QuizAttemptRow, StartedQuizAttempt } from '@gridwork/contracts';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { auditLog } from '../../platform/audit/audit.tables';
import { expectProblem, type Page } from '../../../../../test-support/expect-problem';
import { memberScoreEntries } from './member-scores.tables';
import { studyPoints } from './learning.tables';
import { created, learningMember, ok, orgAt } from './learning.test-helpers';
import { quizAttempts } from './quizzes.tables';

let t: TestApp;
let staff: Client;
let staffB: Client;
let resident: Client;
let branchA: Awaited<ReturnType<typeof orgAt>>;
let branchB: Awaited<ReturnType<typeof orgAt>>;

beforeAll(async () => {
  t = await createTestApp();
  const demo = await t.demo();
  [staff, staffB, resident] = (await Promise.all(['staff', 'staffB', 'resident'].map((u) => t.login(u)))) as [Client, Client, Client];
  branchA = await orgAt(t, demo.gridA.id, 'branch');
  branchB = await orgAt(t, demo.gridB.id, 'branch');
});

const hour = 3_600_000;
const QUESTIONS = [
  { stem: '党的一大召开于哪一年？', kind: 'single', options: ['1919', '1921', '1949'], correct: [1], points: 40 },
  { stem: '“三会一课”的“三会”包括？', kind: 'multiple', options: ['支部党员大会', '支部委员会', '党小组会', '业主大会'], correct: [0, 1, 2], points: 60 },
];
const quizBody = (extra: Record<string, unknown> = {}) => ({
  title: '党史知识测试',
  orgIds: [branchA.id],
  opensAt: new Date(Date.now() - hour).toISOString(),
  closesAt: new Date(Date.now() + 24 * hour).toISOString(),
  timeLimitSeconds: 300,
  attemptPolicy: 'once',
  passScore: 60,
  studyPoints: 5,
  questions: QUESTIONS,
  ...extra,
});
const makeQuiz = async (extra: Record<string, unknown> = {}) => created<Quiz>(await staff.post('/api/v1/quizzes', quizBody(extra)));
const start = (client: Client, quizId: string) => client.post(`/api/v1/quizzes/${quizId}/attempts`);
const submit = (client: Client, attemptId: string, answers: { question: number; selected: number[] }[]) => client.post(`/api/v1/quiz-attempts/${attemptId}/answers`, { answers });
const ALL_RIGHT = [
  { question: 0, selected: [1] },
  { question: 1, selected: [2, 0, 1] },
];
const attemptRow = async (id: string) => (await t.database.db.select().from(quizAttempts).where(eq(quizAttempts.id, id)))[0]!;
const quizPointRows = async (memberId: string, quizId: string) => (await t.database.db.select().from(studyPoints).where(and(eq(studyPoints.memberId, memberId), eq(studyPoints.sourceId, quizId)))).length;
const quizScoreRows = async (memberId: string, quizId: string) =>
  (await t.database.db.select().from(memberScoreEntries).where(and(eq(memberScoreEntries.memberId, memberId), eq(memberScoreEntries.sourceType, 'quiz-attempt'), eq(memberScoreEntries.sourceId, quizId)))).length;

describe('creating a quiz', () => {
  it('refuses broken quizzes with Chinese reasons, and writes nothing', async () => {
    const count = async () => Number((await t.database.db.execute(sql`SELECT count(*)::int AS n FROM quizzes`).then((r) => (r as unknown as { rows: { n: number }[] }).rows))[0]!.n);
    const before = await count();
    const twoRight = expectProblem(await staff.post('/api/v1/quizzes', quizBody({ questions: [{ ...QUESTIONS[0], correct: [0, 1] }] })), 422, 'quiz_invalid');
    expect(twoRight.detail).toContain('第 1 题是单选题，只能有一个正确答案');
    expect(twoRight.errors?.[0]?.path).toBe('questions.0');
    expect(expectProblem(await staff.post('/api/v1/quizzes', quizBody({ questions: [{ ...QUESTIONS[0], options: [], correct: [] }] })), 422, 'quiz_invalid').detail).toContain('第 1 题没有选项');
    expect(expectProblem(await staff.post('/api/v1/quizzes', quizBody({ questions: [{ ...QUESTIONS[0], options: ['一', '二', '三', '四', '五', '六', '七', '八', '九'] }] })), 422, 'quiz_invalid').detail).toContain('应有 2–8 个选项');
    expect(expectProblem(await staff.post('/api/v1/quizzes', quizBody({ passScore: 101 })), 422, 'quiz_invalid').detail).toContain('及格分（101）不能高于总分（100）');
    expect(expectProblem(await staff.post('/api/v1/quizzes', quizBody({ questions: [{ ...QUESTIONS[1], correct: [] }] })), 422, 'quiz_invalid').detail).toContain('没有设置正确答案');
    expect(expectProblem(await staff.post('/api/v1/quizzes', quizBody({ closesAt: new Date(Date.now() - 2 * hour).toISOString() })), 422, 'quiz_invalid').detail).toContain('结束时间必须晚于开始时间');
    expectProblem(await staff.post('/api/v1/quizzes', quizBody({ orgIds: [(await orgAt(t, (await t.demo()).communityB.id, 'community_committee')).id] })), 422, 'study_org_unknown');
    expect(await count()).toBe(before);
  });

  it('shows members the quiz but not its questions before an attempt starts, staff the questions with answers; other communities see nothing', async () => {
    const quiz = await makeQuiz();
    expect(quiz.totalPoints).toBe(100);
    const { client } = await learningMember(t, staff, branchA, '看题党员', { login: true });
    const forMember = ok<Quiz>(await client!.get(`/api/v1/quizzes/${quiz.id}`));
    expect(forMember).toMatchObject({ questionCount: 2, questions: [] });
    expect(forMember.canAttempt).toBe(true);
    expect(ok<Quiz>(await staff.get(`/api/v1/quizzes/${quiz.id}`)).questions.map((q) => q.correct)).toEqual([[1], [0, 1, 2]]);
    expectProblem(await staffB.get(`/api/v1/quizzes/${quiz.id}`), 404, 'not_found');
    const { client: elsewhere } = await learningMember(t, staff, branchB, '别的支部党员', { login: true });
    expectProblem(await elsewhere!.get(`/api/v1/quizzes/${quiz.id}`), 404, 'not_found');
    expect(ok<Page<Quiz>>(await elsewhere!.get('/api/v1/quizzes')).items.map((q) => q.id)).not.toContain(quiz.id);
    expect(ok<Page<Quiz>>(await client!.get('/api/v1/quizzes')).items.map((q) => q.id)).toContain(quiz.id);
  });
});

describe('editing a quiz', () => {
  const quizRow = async (id: string) => {
    const q = ok<Quiz>(await staff.get(`/api/v1/quizzes/${id}`));
    return { title: q.title, passScore: q.passScore, totalPoints: q.totalPoints, timeLimitSeconds: q.timeLimitSeconds, attemptPolicy: q.attemptPolicy, questions: q.questions, orgs: q.orgs.map((o) => o.id) };
  };

  it('changes the title, questions and pass score before anyone answers, audited with before and after', async () => {
    const quiz = await makeQuiz();
    expect(quiz.hasAttempts).toBe(false);
    const questions = [...QUESTIONS, { stem: '中国共产党成立于哪座城市？', kind: 'single', options: ['北京', '上海'], correct: [1], points: 20 }];
    const edited = ok<Quiz>(await staff.patch(`/api/v1/quizzes/${quiz.id}`, { title: '党史知识测试（修订）', questions, passScore: 90 }));
    expect(edited).toMatchObject({ title: '党史知识测试（修订）', passScore: 90, totalPoints: 120, questionCount: 3, hasAttempts: false });
    expect(edited.questions.map((q) => q.correct)).toEqual([[1], [0, 1, 2], [1]]);
    expect(await quizRow(quiz.id)).toMatchObject({ title: '党史知识测试（修订）', passScore: 90, totalPoints: 120 });
    const [audit] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'quiz.update'), eq(auditLog.entityId, quiz.id)));
    expect(audit?.before).toMatchObject({ title: '党史知识测试', passScore: 60, questions: 2 });
    expect(audit?.after).toMatchObject({ title: '党史知识测试（修订）', passScore: 90, questions: 3 });
  });

  it('refuses edits that break the rules on the merged quiz, and changes nothing', async () => {
    const quiz = await makeQuiz();
    const before = await quizRow(quiz.id);
    // 100 points in all: a pass score above it is refused even when only the pass score is sent.
    expect(expectProblem(await staff.patch(`/api/v1/quizzes/${quiz.id}`, { title: '改名', passScore: 101 }), 422, 'quiz_invalid').detail).toContain('及格分（101）不能高于总分（100）');
    // Fewer points than the pass score already set.
    expect(expectProblem(await staff.patch(`/api/v1/quizzes/${quiz.id}`, { questions: [QUESTIONS[0]] }), 422, 'quiz_invalid').detail).toContain('及格分（60）不能高于总分（40）');
    const twoRight = expectProblem(await staff.patch(`/api/v1/quizzes/${quiz.id}`, { questions: [{ ...QUESTIONS[0], correct: [0, 1] }, QUESTIONS[1]] }), 422, 'quiz_invalid');
    expect(twoRight.errors?.[0]?.path).toBe('questions.0');
    expect(expectProblem(await staff.patch(`/api/v1/quizzes/${quiz.id}`, { closesAt: new Date(Date.now() - 2 * hour).toISOString() }), 422, 'quiz_invalid').detail).toContain('结束时间必须晚于开始时间');
    expectProblem(await staff.patch(`/api/v1/quizzes/${quiz.id}`, { title: '改名', orgIds: [(await orgAt(t, (await t.demo()).communityB.id, 'community_committee')).id] }), 422, 'study_org_unknown');
    expect((await staff.patch(`/api/v1/quizzes/${quiz.id}`, { title: '改名', unknown: 1 })).statusCode).toBe(400);
    expect(await quizRow(quiz.id)).toEqual(before);
    expect(await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'quiz.update'), eq(auditLog.entityId, quiz.id)))).toEqual([]);
  });

  it('after an attempt: questions and scoring are fixed (409, nothing written), the title, dates and orgs still change', async () => {
    const quiz = await makeQuiz({ attemptPolicy: 'best' });
    // 张明 of grid A's branch (a demo account: no new login to rate-limit).
    created<StartedQuizAttempt>(await start(await t.login('member'), quiz.id));
    expect(ok<Quiz>(await staff.get(`/api/v1/quizzes/${quiz.id}`)).hasAttempts).toBe(true);
    const before = await quizRow(quiz.id);
    const newQuestions = [{ ...QUESTIONS[0], correct: [2] }, QUESTIONS[1]];
    expectProblem(await staff.patch(`/api/v1/quizzes/${quiz.id}`, { title: '偷改题目', questions: newQuestions }), 409, 'quiz_has_attempts');
    expectProblem(await staff.patch(`/api/v1/quizzes/${quiz.id}`, { passScore: 40 }), 409, 'quiz_has_attempts');
    expectProblem(await staff.patch(`/api/v1/quizzes/${quiz.id}`, { timeLimitSeconds: 600 }), 409, 'quiz_has_attempts');
    expectProblem(await staff.patch(`/api/v1/quizzes/${quiz.id}`, { attemptPolicy: 'once' }), 409, 'quiz_has_attempts');
    expect(await quizRow(quiz.id)).toEqual(before);
    // Sending the questions and scoring unchanged (as the editor's form does) is no change.
    const closesAt = new Date(Date.now() + 48 * hour).toISOString();
    const renamed = ok<Quiz>(await staff.patch(`/api/v1/quizzes/${quiz.id}`, { title: '党史知识测试（延期）', closesAt, orgIds: [branchA.id], questions: QUESTIONS, passScore: 60, timeLimitSeconds: 300, attemptPolicy: 'best' }));
    expect(renamed).toMatchObject({ title: '党史知识测试（延期）', closesAt, passScore: 60, hasAttempts: true });
    expect(renamed.questions.map((q) => q.correct)).toEqual([[1], [0, 1, 2]]);
  });

  it('is for staff over the quiz: another community’s staff get 404, a member it reaches 403, a non-member 404', async () => {
    const quiz = await makeQuiz();
    const before = await quizRow(quiz.id);
    expectProblem(await staffB.patch(`/api/v1/quizzes/${quiz.id}`, { title: '别的社区改名' }), 404, 'not_found');
    // 张明 of grid A's branch may see the quiz, not edit it.
    expectProblem(await (await t.login('member')).patch(`/api/v1/quizzes/${quiz.id}`, { title: '党员改名' }), 403, 'forbidden');
    expectProblem(await resident.patch(`/api/v1/quizzes/${quiz.id}`, { title: '居民改名' }), 404, 'not_found');
    expectProblem(await staff.patch('/api/v1/quizzes/00000000-0000-4000-8000-000000000000', { title: '无此测试' }), 404, 'not_found');
    expect(await quizRow(quiz.id)).toEqual(before);
  });
});

describe('taking a quiz', () => {
  it('one attempt: a server-side deadline, resumable while the clock runs, scored on submission, no second attempt', async () => {
    const quiz = await makeQuiz({ timeLimitSeconds: 120 });
    const { client, memberId } = await learningMember(t, staff, branchA, '一次作答', { login: true });
    const attempt = created<StartedQuizAttempt>(await start(client!, quiz.id));
    const limit = Date.parse(attempt.deadline) - Date.parse(attempt.startedAt);
    expect(limit).toBe(120_000);
    expect(attempt.questions.every((q) => q.correct === null)).toBe(true);
    // Reloading the page resumes the same attempt.
    expect(ok<StartedQuizAttempt>(await start(client!, quiz.id)).id).toBe(attempt.id);

    const result = ok<QuizAttemptResult>(await submit(client!, attempt.id, ALL_RIGHT));
    expect(result).toMatchObject({ score: 100, passed: true, totalPoints: 100, studyPointsEarned: 5 });
    expect(result.questions.map((q) => [q.correct, q.selected, q.earned])).toEqual([
      [[1], [1], 40],
      [[0, 1, 2], [0, 1, 2], 60],
    ]);
    expectProblem(await start(client!, quiz.id), 409, 'quiz_attempt_used');
    expectProblem(await submit(client!, attempt.id, ALL_RIGHT), 409, 'quiz_already_submitted');
    expect(await quizPointRows(memberId, quiz.id)).toBe(1);
    expect(await quizScoreRows(memberId, quiz.id)).toBe(1);
    // After submission the member may read the result with the answers.
    expect(ok<QuizAttemptResult>(await client!.get(`/api/v1/quiz-attempts/${attempt.id}`)).questions[1]!.correct).toEqual([0, 1, 2]);
  });

  it('scores single choice exactly and multiple choice only for the exact set', async () => {
    const quiz = await makeQuiz({ attemptPolicy: 'best' });
    const { client } = await learningMember(t, staff, branchA, '评分党员', { login: true });
    const score = async (answers: { question: number; selected: number[] }[]) => ok<QuizAttemptResult>(await submit(client!, created<StartedQuizAttempt>(await start(client!, quiz.id)).id, answers)).score;
    expect(await score([{ question: 0, selected: [1] }, { question: 1, selected: [0, 1] }])).toBe(40);
    expect(await score([{ question: 0, selected: [2] }, { question: 1, selected: [0, 1, 2, 3] }])).toBe(0);
    expect(await score([{ question: 1, selected: [1, 2, 0] }])).toBe(60);
    expect(await score([])).toBe(0);
    const attempt = created<StartedQuizAttempt>(await start(client!, quiz.id));
    expectProblem(await submit(client!, attempt.id, [{ question: 0, selected: [0, 1] }]), 422, 'quiz_answer_invalid');
    expectProblem(await submit(client!, attempt.id, [{ question: 5, selected: [0] }]), 422, 'quiz_answer_invalid');
    expect((await attemptRow(attempt.id)).submittedAt).toBeNull();
  });

  it('best-of: every attempt is kept, the best counts, and passing twice scores once', async () => {
    const quiz = await makeQuiz({ attemptPolicy: 'best' });
    const { client, memberId } = await learningMember(t, staff, branchA, '多次作答', { login: true });
    const take = async (answers: { question: number; selected: number[] }[]) => ok<QuizAttemptResult>(await submit(client!, created<StartedQuizAttempt>(await start(client!, quiz.id)).id, answers));
    expect(await take([{ question: 0, selected: [1] }])).toMatchObject({ score: 40, passed: false, studyPointsEarned: 0 });
    expect(await take(ALL_RIGHT)).toMatchObject({ score: 100, passed: true, studyPointsEarned: 5 });
    expect(await take([{ question: 1, selected: [0, 1, 2] }])).toMatchObject({ score: 60, passed: true, studyPointsEarned: 0 });
    const view = ok<Quiz>(await client!.get(`/api/v1/quizzes/${quiz.id}`));
    expect(view.myAttempts.map((a) => a.score)).toEqual([60, 100, 40]);
    expect(view.myBestScore).toBe(100);
    expect(view.canAttempt).toBe(true);
    expect(await quizPointRows(memberId, quiz.id)).toBe(1);
    expect(await quizScoreRows(memberId, quiz.id)).toBe(1);
    // Results for staff: every attempt; members may not list others’.
    const results = ok<Page<QuizAttemptRow>>(await staff.get(`/api/v1/quizzes/${quiz.id}/attempts`));
    expect(results.items.filter((r) => r.memberId === memberId).map((r) => r.score)).toEqual([60, 100, 40]);
    expectProblem(await client!.get(`/api/v1/quizzes/${quiz.id}/attempts`), 403, 'forbidden');
    expect(ok<Quiz>(await staff.get(`/api/v1/quizzes/${quiz.id}`))).toMatchObject({ participantCount: 1, passedCount: 1 });
  });

  it('refuses answers after the deadline (beyond a short grace) and writes nothing', async () => {
    const quiz = await makeQuiz({ timeLimitSeconds: 60 });
    const { client, memberId } = await learningMember(t, staff, branchA, '超时党员', { login: true });
    const attempt = created<StartedQuizAttempt>(await start(client!, quiz.id));
    // The attempt began 90 s ago: its 60 s ran out 30 s ago.
    await t.database.db.update(quizAttempts).set({ startedAt: new Date(Date.now() - 90_000), deadline: new Date(Date.now() - 30_000) }).where(eq(quizAttempts.id, attempt.id));
    const late = expectProblem(await submit(client!, attempt.id, ALL_RIGHT), 422, 'quiz_time_out');
    expect(late.detail).toContain('作答时间已到');
    const row = await attemptRow(attempt.id);
    expect([row.submittedAt, row.score, row.answers, row.passed]).toEqual([null, null, null, null]);
    expect(await quizPointRows(memberId, quiz.id)).toBe(0);
    expect(await quizScoreRows(memberId, quiz.id)).toBe(0);
    // The one attempt is used up.
    expectProblem(await start(client!, quiz.id), 409, 'quiz_attempt_used');
  });

  it('accepts answers a few seconds late (network grace)', async () => {
    const quiz = await makeQuiz({ timeLimitSeconds: 60 });
    const { client } = await learningMember(t, staff, branchA, '宽限党员', { login: true });
    const attempt = created<StartedQuizAttempt>(await start(client!, quiz.id));
    await t.database.db.update(quizAttempts).set({ deadline: new Date(Date.now() - 3_000) }).where(eq(quizAttempts.id, attempt.id));
    expect(ok<QuizAttemptResult>(await submit(client!, attempt.id, ALL_RIGHT)).score).toBe(100);
  });

  it('refuses non-members, quizzes not open yet, and someone else’s attempt', async () => {
    const quiz = await makeQuiz();
    expectProblem(await start(resident, quiz.id), 403, 'not_a_party_member');
    expectProblem(await start(staff, quiz.id), 403, 'not_a_party_member');
    const upcoming = await makeQuiz({ opensAt: new Date(Date.now() + hour).toISOString(), closesAt: new Date(Date.now() + 2 * hour).toISOString() });
    const { client } = await learningMember(t, staff, branchA, '早到党员', { login: true });
    expectProblem(await start(client!, upcoming.id), 422, 'quiz_not_open');
    const { client: other } = await learningMember(t, staff, branchA, '旁人党员', { login: true });
    const attempt = created<StartedQuizAttempt>(await start(client!, quiz.id));
    expectProblem(await submit(other!, attempt.id, ALL_RIGHT), 404, 'not_found');
    expectProblem(await submit(staff, attempt.id, ALL_RIGHT), 403, 'forbidden');
    expect(Number((await t.database.db.select({ n: sql<number>`count(*)` }).from(quizAttempts).where(eq(quizAttempts.quizId, upcoming.id)))[0]!.n)).toBe(0);
  });

  it('passing a quiz puts its study points on the 学习之星 board', async () => {
    const { communityA } = await t.demo();
    const place = created<{ id: string; path: string }>(await staff.post('/api/v1/places', { parentId: communityA.id, type: 'grid', name: '测试之星网格' }));
    const committee = await orgAt(t, communityA.id, 'community_committee');
    const org = created<{ id: string }>(await staff.post('/api/v1/party-orgs', { parentId: committee.id, type: 'branch', name: '测试之星支部', placeId: place.id }));
    const quiz = await makeQuiz({ orgIds: [org.id], studyPoints: 8 });
    const { client } = await learningMember(t, staff, { id: org.id, placeId: place.id, placePath: place.path }, '满分党员', { login: true });
    ok(await submit(client!, created<StartedQuizAttempt>(await start(client!, quiz.id)).id, ALL_RIGHT));
    const board = ok<Leaderboard>(await client!.get('/api/v1/learning/leaderboard'));
    expect(board.entries.map((e) => [e.rank, e.name, e.points, e.quizzesPassed])).toEqual([[1, '满分党员', 8, 1]]);
  });
});
