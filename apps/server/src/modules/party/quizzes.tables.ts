import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { QuizAttemptPolicy, QuizQuestionInput } from '@gridwork/contracts';
import { partyMembers } from './party-members.tables';
import { partyOrgs } from './party.tables';

/**
 * 知识测试. Questions (with their correct options) live in the quiz row: they are read and scored as a
 * whole and never change once someone has answered. Reach and scope come from the target orgs.
 */
export const quizzes = pgTable('quizzes', {
  id: uuid('id').primaryKey().defaultRandom(),
  seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
  title: text('title').notNull(),
  description: text('description'),
  opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
  closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
  timeLimitSeconds: integer('time_limit_seconds').notNull(),
  attemptPolicy: text('attempt_policy').$type<QuizAttemptPolicy>().notNull(),
  passScore: integer('pass_score').notNull(),
  totalPoints: integer('total_points').notNull(),
  studyPoints: integer('study_points').notNull(),
  questions: jsonb('questions').$type<QuizQuestionInput[]>().notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const quizOrgs = pgTable(
  'quiz_orgs',
  {
    quizId: uuid('quiz_id')
      .notNull()
      .references(() => quizzes.id, { onDelete: 'cascade' }),
    // Deleting an (empty, leaf) org just narrows the reach of what was published to it.
    orgId: uuid('org_id')
      .notNull()
      .references(() => partyOrgs.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.quizId, t.orgId] }), index('quiz_orgs_org_idx').on(t.orgId)],
);

/**
 * 作答: numbered per member and quiz; the unique number makes a second attempt of a one-attempt quiz
 * (number 1 again) fail even when two starts race. Answers and score are written once, on submission.
 */
export const quizAttempts = pgTable(
  'quiz_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    quizId: uuid('quiz_id')
      .notNull()
      .references(() => quizzes.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => partyMembers.id),
    attemptNo: integer('attempt_no').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    answers: jsonb('answers').$type<number[][]>(),
    score: integer('score'),
    passed: boolean('passed'),
  },
  (t) => [uniqueIndex('quiz_attempts_member_no_uq').on(t.quizId, t.memberId, t.attemptNo), index('quiz_attempts_quiz_idx').on(t.quizId, t.startedAt)],
);
