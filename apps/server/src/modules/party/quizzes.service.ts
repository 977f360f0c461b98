import { and, desc, eq, inArray, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateQuiz, MyQuizAttempt, Quiz, QuizListQuery, QuizQuestion, QuizQuestionInput, QuizSummary, UpdateQuiz } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { auditContextOf, inScope, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors';
import { decodeCursor, pageFrom } from '../../platform/pagination';
import { QUIZ_TARGETS, learningMemberOf, orgAncestorIds, orgSubtreeIds, publishableOrgs, reachesMemberCondition, roleFor, staffScopeCondition, targetsOf, type LearningMember, type Target } from './learning.access';
import { partyOrgs } from './party.tables';
import { quizViolations, quizStatusAt, totalPointsOf } from './quizzes.rules';
import { quizAttempts, quizOrgs, quizzes } from './quizzes.tables';

export type QuizRow = typeof quizzes.$inferSelect;

export interface QuizzesDeps {
  readonly db: Db;
}

/** Questions as a member sees them before submitting: no correct answers. */
export function questionsFor(questions: readonly QuizQuestionInput[], withAnswers: boolean): QuizQuestion[] {
  return questions.map((q) => ({ stem: q.stem, kind: q.kind, options: q.options, points: q.points, correct: withAnswers ? [...q.correct] : null }));
}

export function myAttemptView(a: typeof quizAttempts.$inferSelect): MyQuizAttempt {
  return { id: a.id, startedAt: a.startedAt.toISOString(), deadline: a.deadline.toISOString(), submittedAt: a.submittedAt?.toISOString() ?? null, score: a.score, passed: a.passed };
}

/** Whether the member may start (or resume) an attempt now. */
export function mayAttempt(quiz: QuizRow, mine: readonly (typeof quizAttempts.$inferSelect)[], now: Date): boolean {
  if (quizStatusAt(quiz.opensAt, quiz.closesAt, now) !== 'open') return false;
  if (mine.some((a) => a.submittedAt === null && a.deadline > now)) return true;
  return quiz.attemptPolicy === 'best' || mine.length === 0;
}

/** Questions as stored: options trimmed, correct answers unique and in order. */
function normalisedQuestions(questions: readonly QuizQuestionInput[]): QuizQuestionInput[] {
  return questions.map((q) => ({ stem: q.stem, kind: q.kind, options: q.options.map((o) => o.trim()), correct: [...new Set(q.correct)].sort((a, b) => a - b), points: q.points }));
}

function sameQuestions(a: readonly QuizQuestionInput[], b: readonly QuizQuestionInput[]): boolean {
  const key = (qs: readonly QuizQuestionInput[]) => JSON.stringify(normalisedQuestions(qs));
  return key(a) === key(b);
}

function auditView(row: QuizRow, targets: readonly Pick<Target, 'id'>[]) {
  return {
    title: row.title,
    orgIds: targets.map((o) => o.id),
    opensAt: row.opensAt.toISOString(),
    closesAt: row.closesAt.toISOString(),
    timeLimitSeconds: row.timeLimitSeconds,
    questions: row.questions.length,
    passScore: row.passScore,
    attemptPolicy: row.attemptPolicy,
    studyPoints: row.studyPoints,
  };
}

function violationError(violations: ReturnType<typeof quizViolations>): AppError {
  return new AppError(422, 'quiz_invalid', { reason: violations.map((v) => v.message).join('；') }, violations);
}

/** 知识测试: create, list, detail, edit. Attempts and scoring: quizzes.attempts.ts. */
export function createQuizzesService({ db }: QuizzesDeps) {
  async function summaries(tx: Db, rows: readonly QuizRow[], member: LearningMember | null): Promise<QuizSummary[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const targets = await targetsOf(tx, QUIZ_TARGETS, ids);
    const stats = await tx
      .select({ quizId: quizAttempts.quizId, participants: sql<number>`count(DISTINCT ${quizAttempts.memberId})::int`, passed: sql<number>`count(DISTINCT ${quizAttempts.memberId}) FILTER (WHERE ${quizAttempts.passed})::int` })
      .from(quizAttempts)
      .where(and(inArray(quizAttempts.quizId, ids), isNotNull(quizAttempts.submittedAt)))
      .groupBy(quizAttempts.quizId);
    const mine = member ? await tx.select().from(quizAttempts).where(and(eq(quizAttempts.memberId, member.id), inArray(quizAttempts.quizId, ids))).orderBy(desc(quizAttempts.startedAt)) : [];
    const now = new Date();
    return rows.map((r) => {
      const my = mine.filter((a) => a.quizId === r.id);
      const scores = my.map((a) => a.score).filter((s): s is number => s !== null);
      const stat = stats.find((s) => s.quizId === r.id);
      return {
        id: r.id,
        title: r.title,
        description: r.description,
        orgs: (targets.get(r.id) ?? []).map(({ id, name }) => ({ id, name })),
        opensAt: r.opensAt.toISOString(),
        closesAt: r.closesAt.toISOString(),
        status: quizStatusAt(r.opensAt, r.closesAt, now),
        timeLimitSeconds: r.timeLimitSeconds,
        attemptPolicy: r.attemptPolicy,
        passScore: r.passScore,
        totalPoints: r.totalPoints,
        questionCount: r.questions.length,
        studyPoints: r.studyPoints,
        participantCount: Number(stat?.participants ?? 0),
        passedCount: Number(stat?.passed ?? 0),
        myAttempts: my.map(myAttemptView),
        myBestScore: scores.length > 0 ? Math.max(...scores) : null,
        canAttempt: member !== null && mayAttempt(r, my, now),
        createdAt: r.createdAt.toISOString(),
      };
    });
  }

  /** `share` when starting an attempt: attempts may start together, but not while an edit holds the row. */
  async function loadQuiz(tx: Db, id: string, lock?: 'share'): Promise<{ row: QuizRow; targets: Target[] }> {
    const query = tx.select().from(quizzes).where(eq(quizzes.id, id));
    const [row] = lock ? await query.for(lock) : await query;
    if (!row) throw notFound();
    return { row, targets: (await targetsOf(tx, QUIZ_TARGETS, [id])).get(id) ?? [] };
  }

  async function hasAttempts(tx: Db, id: string): Promise<boolean> {
    const [found] = await tx.select({ id: quizAttempts.id }).from(quizAttempts).where(eq(quizAttempts.quizId, id)).limit(1);
    return found !== undefined;
  }

  async function staffView(tx: Db, row: QuizRow): Promise<Quiz> {
    const [summary] = await summaries(tx, [row], null);
    return { ...summary!, questions: questionsFor(row.questions, true), hasAttempts: await hasAttempts(tx, row.id) };
  }

  return {
    loadQuiz,

    async list(actor: Actor, query: z.output<typeof QuizListQuery>) {
      if (!actor.permissions.has('learning.manage') && !actor.permissions.has('party.self-service')) throw forbidden();
      const member = actor.permissions.has('party.self-service') ? await learningMemberOf(db, actor.userId) : null;
      const id = sql`${quizzes.id}`;
      const c: SQL[] = [or(staffScopeCondition(QUIZ_TARGETS, id, actor), member ? reachesMemberCondition(QUIZ_TARGETS, id, member) : sql`false`)!];
      if (query.orgId) {
        const [org] = await db.select({ id: partyOrgs.id, placePath: partyOrgs.placePath }).from(partyOrgs).where(eq(partyOrgs.id, query.orgId));
        if (!org || !(inScope(scopeOf(actor, 'learning.manage'), org.placePath) || member?.reachingOrgIds.includes(org.id))) throw notFound();
        const related = [...new Set([...(await orgAncestorIds(db, org.id)), ...(await orgSubtreeIds(db, org.id))])];
        c.push(sql`EXISTS (SELECT 1 FROM quiz_orgs t WHERE t.quiz_id = ${quizzes.id} AND t.org_id IN (${sql.join(related.map((o) => sql`${o}::uuid`), sql`, `)}))`);
      }
      const now = new Date().toISOString();
      if (query.status === 'upcoming') c.push(sql`${quizzes.opensAt} > ${now}::timestamptz`);
      if (query.status === 'open') c.push(sql`${quizzes.opensAt} <= ${now}::timestamptz AND ${quizzes.closesAt} > ${now}::timestamptz`);
      if (query.status === 'closed') c.push(sql`${quizzes.closesAt} <= ${now}::timestamptz`);
      const after = decodeCursor(query.cursor, 1);
      if (after) c.push(lt(quizzes.seq, Number(after[0])));
      const rows = await db.select().from(quizzes).where(and(...c)).orderBy(desc(quizzes.seq)).limit(query.limit + 1);
      const page = pageFrom(rows, query.limit, (r) => [r.seq]);
      return { items: await summaries(db, page.items, member), nextCursor: page.nextCursor };
    },

    async get(actor: Actor, id: string): Promise<Quiz> {
      const { row, targets } = await loadQuiz(db, id);
      const role = await roleFor(db, actor, targets);
      const [summary] = await summaries(db, [row], role.as === 'member' ? role.member : null);
      // A member sees the questions only once an attempt starts the clock (its answer carries them).
      return { ...summary!, questions: role.as === 'staff' ? questionsFor(row.questions, true) : [], hasAttempts: await hasAttempts(db, id) };
    },

    async create(actor: Actor, input: z.output<typeof CreateQuiz>): Promise<Quiz> {
      if (!actor.permissions.has('learning.manage')) throw forbidden();
      const violations = quizViolations(input, actor.locale);
      if (violations.length > 0) throw violationError(violations);
      return db.transaction(async (tx) => {
        const orgs = await publishableOrgs(tx, actor, input.orgIds);
        const questions = normalisedQuestions(input.questions);
        const [row] = await tx
          .insert(quizzes)
          .values({
            title: input.title,
            description: input.description ?? null,
            opensAt: new Date(input.opensAt),
            closesAt: new Date(input.closesAt),
            timeLimitSeconds: input.timeLimitSeconds,
            attemptPolicy: input.attemptPolicy,
            passScore: input.passScore,
            totalPoints: totalPointsOf(questions),
            studyPoints: input.studyPoints,
            questions,
            createdBy: actor.userId,
          })
          .returning();
        await tx.insert(quizOrgs).values(orgs.map((o) => ({ quizId: row!.id, orgId: o.id })));
        await writeAudit(tx, auditContextOf(actor), {
          action: 'quiz.create',
          entityType: 'quiz',
          entityId: row!.id,
          after: { title: row!.title, orgIds: orgs.map((o) => o.id), questions: questions.length, passScore: row!.passScore, attemptPolicy: row!.attemptPolicy },
        });
        const [summary] = await summaries(tx, [row!], null);
        return { ...summary!, questions: questionsFor(row!.questions, true), hasAttempts: false };
      });
    },

    /**
     * Edits a quiz as its creator may: staff over every target org (others who read it: 403; anyone else: 404).
     * The merged quiz must keep the rules; once an attempt exists, only the title, description, dates,
     * study points and target orgs may change.
     */
    async update(actor: Actor, id: string, input: z.output<typeof UpdateQuiz>): Promise<Quiz> {
      return db.transaction(async (tx) => {
        // The row lock keeps two edits from interleaving.
        const [locked] = await tx.select({ id: quizzes.id }).from(quizzes).where(eq(quizzes.id, id)).for('update');
        if (!locked) throw notFound();
        const before = await loadQuiz(tx, id);
        await roleFor(tx, actor, before.targets, true);
        if (!actor.permissions.has('learning.manage')) throw forbidden();
        const row = before.row;
        const merged = {
          opensAt: input.opensAt ?? row.opensAt.toISOString(),
          closesAt: input.closesAt ?? row.closesAt.toISOString(),
          passScore: input.passScore ?? row.passScore,
          questions: input.questions ?? row.questions,
        };
        const violations = quizViolations(merged, actor.locale);
        if (violations.length > 0) throw violationError(violations);
        const scoringChanges =
          (input.questions !== undefined && !sameQuestions(input.questions, row.questions)) ||
          (input.passScore !== undefined && input.passScore !== row.passScore) ||
          (input.timeLimitSeconds !== undefined && input.timeLimitSeconds !== row.timeLimitSeconds) ||
          (input.attemptPolicy !== undefined && input.attemptPolicy !== row.attemptPolicy);
        if (scoringChanges && (await hasAttempts(tx, id))) throw conflict('quiz_has_attempts');
        let targets: readonly Pick<Target, 'id'>[] = before.targets;
        if (input.orgIds) {
          const orgs = await publishableOrgs(tx, actor, input.orgIds);
          await tx.delete(quizOrgs).where(eq(quizOrgs.quizId, id));
          await tx.insert(quizOrgs).values(orgs.map((o) => ({ quizId: id, orgId: o.id })));
          targets = orgs;
        }
        const questions = input.questions !== undefined ? normalisedQuestions(input.questions) : undefined;
        const [after] = await tx
          .update(quizzes)
          .set({
            ...(input.title !== undefined ? { title: input.title } : {}),
            ...(input.description !== undefined ? { description: input.description } : {}),
            ...(input.opensAt !== undefined ? { opensAt: new Date(input.opensAt) } : {}),
            ...(input.closesAt !== undefined ? { closesAt: new Date(input.closesAt) } : {}),
            ...(input.timeLimitSeconds !== undefined ? { timeLimitSeconds: input.timeLimitSeconds } : {}),
            ...(input.attemptPolicy !== undefined ? { attemptPolicy: input.attemptPolicy } : {}),
            ...(input.passScore !== undefined ? { passScore: input.passScore } : {}),
            ...(input.studyPoints !== undefined ? { studyPoints: input.studyPoints } : {}),
            ...(questions !== undefined ? { questions, totalPoints: totalPointsOf(questions) } : {}),
            updatedAt: new Date(),
          })
          .where(eq(quizzes.id, id))
          .returning();
        await writeAudit(tx, auditContextOf(actor), { action: 'quiz.update', entityType: 'quiz', entityId: id, before: auditView(row, before.targets), after: auditView(after!, targets) });
        return staffView(tx, after!);
      });
    },
  };
}

export type QuizzesService = ReturnType<typeof createQuizzesService>;
