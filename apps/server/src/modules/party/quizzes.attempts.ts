import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { QuizAttemptListQuery, QuizAttemptResult, QuizAttemptRow, StartedQuizAttempt, SubmitQuizAnswers } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { auditContextOf, inScope, scopeCondition, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import { fingerprintOf, once } from '../../platform/idempotency';
import { decodeCursor, olderThan, pageFrom } from '../../platform/pagination';
import { requireMember, roleFor } from './learning.access';
import { earnStudyPoints } from './learning.points';
import { awardMemberScore } from './member-scores.award';
import { partyMembers } from './party-members.tables';
import { partyOrgs } from './party.tables';
import { isCorrect, isPastDeadline, quizStatusAt, scoreAnswers } from './quizzes.rules';
import { questionsFor, type QuizRow, type QuizzesService } from './quizzes.service';
import { quizAttempts } from './quizzes.tables';

type AttemptRow = typeof quizAttempts.$inferSelect;

export interface QuizAttemptsDeps {
  readonly db: Db;
  readonly quizzes: QuizzesService;
}

const beijing = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium' }).format(d);

function resultOf(quiz: QuizRow, attempt: AttemptRow, memberName: string, studyPointsEarned: number): QuizAttemptResult {
  const submitted = attempt.submittedAt !== null;
  return {
    id: attempt.id,
    quizId: quiz.id,
    quizTitle: quiz.title,
    memberId: attempt.memberId,
    memberName,
    startedAt: attempt.startedAt.toISOString(),
    deadline: attempt.deadline.toISOString(),
    submittedAt: attempt.submittedAt?.toISOString() ?? null,
    score: attempt.score,
    totalPoints: quiz.totalPoints,
    passScore: quiz.passScore,
    passed: attempt.passed,
    studyPointsEarned,
    // The correct answers are shown only once the answers are in.
    questions: questionsFor(quiz.questions, submitted).map((q, i) => {
      const selected = attempt.answers?.[i] ?? [];
      return { ...q, selected, earned: submitted && isCorrect(quiz.questions[i]!, selected) ? q.points : 0 };
    }),
  };
}

/** 作答: start with a server-side deadline, submit once, scored on the server. */
export function createQuizAttemptsService({ db, quizzes }: QuizAttemptsDeps) {
  /** The attempt for its member, or for staff over the quiz; anyone else gets 404. */
  async function loadAttempt(tx: Db, actor: Actor, attemptId: string, lock: boolean) {
    const base = tx.select({ attempt: quizAttempts, memberName: partyMembers.name, memberUserId: partyMembers.userId, memberPath: partyMembers.placePath }).from(quizAttempts).innerJoin(partyMembers, eq(partyMembers.id, quizAttempts.memberId)).where(eq(quizAttempts.id, attemptId));
    const [found] = lock ? await base.for('update', { of: quizAttempts }) : await base;
    if (!found) throw notFound();
    const { row: quiz, targets } = await quizzes.loadQuiz(tx, found.attempt.quizId);
    const own = found.memberUserId === actor.userId;
    if (!own) {
      const role = await roleFor(tx, actor, targets);
      // Staff see attempts of the members in their own scope only.
      if (role.as !== 'staff' || !inScope(scopeOf(actor, 'learning.manage'), found.memberPath)) throw notFound();
    }
    return { ...found, quiz, own };
  }

  return {
    async start(actor: Actor, quizId: string, idempotencyKey: string | undefined) {
      return db.transaction((tx) =>
        once(tx, { caller: actor.userId, scope: 'quiz.attempt', key: idempotencyKey, fingerprint: fingerprintOf({ quizId }) }, async () => {
          const self = await requireMember(tx, actor);
          const { row: quiz, targets } = await quizzes.loadQuiz(tx, quizId, 'share');
          await roleFor(tx, actor, targets);
          if (!self) throw new AppError(403, 'not_a_party_member');
          const now = new Date();
          if (quizStatusAt(quiz.opensAt, quiz.closesAt, now) !== 'open') throw unprocessable('quiz_not_open', { opens: beijing(quiz.opensAt), closes: beijing(quiz.closesAt) });
          const mine = await tx.select().from(quizAttempts).where(and(eq(quizAttempts.quizId, quizId), eq(quizAttempts.memberId, self.id))).orderBy(desc(quizAttempts.attemptNo));
          const started = (a: AttemptRow): StartedQuizAttempt => ({
            id: a.id,
            quizId,
            quizTitle: quiz.title,
            startedAt: a.startedAt.toISOString(),
            deadline: a.deadline.toISOString(),
            serverNow: now.toISOString(),
            questions: questionsFor(quiz.questions, false),
          });
          // A page reload while the clock runs resumes the open attempt rather than burning a new one.
          const open = mine.find((a) => a.submittedAt === null && a.deadline > now);
          if (open) return { status: 200, body: started(open) };
          if (quiz.attemptPolicy === 'once' && mine.length > 0) throw conflict('quiz_attempt_used');
          const [row] = await tx
            .insert(quizAttempts)
            .values({ quizId, memberId: self.id, attemptNo: (mine[0]?.attemptNo ?? 0) + 1, startedAt: now, deadline: new Date(now.getTime() + quiz.timeLimitSeconds * 1000) })
            .onConflictDoNothing()
            .returning();
          // A concurrent start took this number first.
          if (!row) throw conflict(quiz.attemptPolicy === 'once' ? 'quiz_attempt_used' : 'conflict');
          await writeAudit(tx, auditContextOf(actor), { action: 'quiz.attempt.start', entityType: 'quiz', entityId: quizId, after: { attemptId: row.id, attemptNo: row.attemptNo, deadline: row.deadline.toISOString() } });
          return { status: 201, body: started(row) };
        }),
      );
    },

    async submit(actor: Actor, attemptId: string, input: z.output<typeof SubmitQuizAnswers>): Promise<QuizAttemptResult> {
      return db.transaction(async (tx) => {
        const { attempt, memberName, quiz, own } = await loadAttempt(tx, actor, attemptId, true);
        if (!own) throw forbidden();
        if (attempt.submittedAt) throw conflict('quiz_already_submitted');
        const now = new Date();
        if (isPastDeadline(attempt.deadline, now)) throw unprocessable('quiz_time_out', { deadline: beijing(attempt.deadline) });
        const scored = scoreAnswers(quiz.questions, input.answers, actor.locale);
        if ('error' in scored) throw unprocessable('quiz_answer_invalid', { reason: scored.error });
        const passed = scored.score >= quiz.passScore;
        const [row] = await tx.update(quizAttempts).set({ submittedAt: now, answers: scored.answers, score: scored.score, passed }).where(eq(quizAttempts.id, attemptId)).returning();
        let earned = 0;
        if (passed) {
          // Keyed by the quiz, not the attempt: a best-of retake that passes again earns nothing more.
          const reason = `通过测试《${quiz.title}》`;
          earned = await earnStudyPoints(tx, { memberId: attempt.memberId, sourceType: 'quiz', sourceId: quiz.id, points: quiz.studyPoints, reason, earnedAt: now });
          await awardMemberScore(tx, { memberId: attempt.memberId, item: 'quiz-passed', sourceType: 'quiz-attempt', sourceId: quiz.id, occurredAt: now, reason });
        }
        await writeAudit(tx, auditContextOf(actor), { action: 'quiz.attempt.submit', entityType: 'quiz', entityId: quiz.id, after: { attemptId, score: scored.score, passed, studyPoints: earned } });
        return resultOf(quiz, row!, memberName, earned);
      });
    },

    async get(actor: Actor, attemptId: string): Promise<QuizAttemptResult> {
      const { attempt, memberName, quiz } = await loadAttempt(db, actor, attemptId, false);
      return resultOf(quiz, attempt, memberName, 0);
    },

    /** 测试结果: every attempt of a quiz by members in the staff's scope, newest first. */
    async list(actor: Actor, quizId: string, query: z.output<typeof QuizAttemptListQuery>) {
      const { targets } = await quizzes.loadQuiz(db, quizId);
      const role = await roleFor(db, actor, targets);
      if (role.as !== 'staff') throw forbidden();
      const c: SQL[] = [eq(quizAttempts.quizId, quizId), scopeCondition(scopeOf(actor, 'learning.manage'), partyMembers.placePath)];
      const after = decodeCursor(query.cursor, 2)?.map(String);
      if (after) c.push(olderThan([quizAttempts.startedAt, quizAttempts.id], [new Date(after[0]!), after[1]!]));
      const rows = await db
        .select({ attempt: quizAttempts, memberName: partyMembers.name, orgName: partyOrgs.name })
        .from(quizAttempts)
        .innerJoin(partyMembers, eq(partyMembers.id, quizAttempts.memberId))
        .leftJoin(partyOrgs, eq(partyOrgs.id, partyMembers.orgId))
        .where(and(...c))
        .orderBy(desc(quizAttempts.startedAt), desc(quizAttempts.id))
        .limit(query.limit + 1);
      const page = pageFrom(rows, query.limit, (r) => [r.attempt.startedAt.toISOString(), r.attempt.id]);
      const items: QuizAttemptRow[] = page.items.map((r) => ({
        id: r.attempt.id,
        memberId: r.attempt.memberId,
        memberName: r.memberName,
        orgName: r.orgName,
        startedAt: r.attempt.startedAt.toISOString(),
        submittedAt: r.attempt.submittedAt?.toISOString() ?? null,
        score: r.attempt.score,
        passed: r.attempt.passed,
      }));
      return { items, nextCursor: page.nextCursor };
    },
  };
}

export type QuizAttemptsService = ReturnType<typeof createQuizAttemptsService>;
