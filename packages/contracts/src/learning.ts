import { z } from 'zod';
import { Id, PageQuery } from './common';
import { CalendarDate, MemberType } from './party-members';

/** 自学 (the member marked it studied) or 送学上门 (staff brought the study to a housebound member). */
export const STUDY_MODES = ['self', 'delivered'] as const;
export const StudyMode = z.enum(STUDY_MODES);
export type StudyMode = z.infer<typeof StudyMode>;

export const LearningOrgRef = z.object({ id: Id, name: z.string() });
export type LearningOrgRef = z.infer<typeof LearningOrgRef>;

export const StudyLink = z.object({
  title: z.string().trim().min(1).max(100),
  url: z.url({ protocol: /^https?$/ }).max(500),
});
export type StudyLink = z.infer<typeof StudyLink>;

/** Attachments are small files kept in the database; their type is recognised from the content. */
export const STUDY_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const StudyAttachment = z.object({
  id: Id,
  fileName: z.string(),
  contentType: z.string(),
  byteSize: z.number().int(),
  createdAt: z.string(),
});
export type StudyAttachment = z.infer<typeof StudyAttachment>;

export const MyStudy = z.object({ mode: StudyMode, studiedAt: z.string() });

/** 学习资料, published to one or more party orgs (visible in their subtrees). */
export const StudyMaterial = z.object({
  id: Id,
  title: z.string(),
  body: z.string(),
  links: z.array(StudyLink),
  attachments: z.array(StudyAttachment),
  orgs: z.array(LearningOrgRef),
  /** 学习积分 earned by studying it. */
  studyPoints: z.number().int(),
  studiedCount: z.number().int(),
  /** The caller's own study record (members), or null. */
  myStudy: MyStudy.nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StudyMaterial = z.infer<typeof StudyMaterial>;

const MaterialFields = {
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(20_000),
  links: z.array(StudyLink).max(10),
  orgIds: z.array(Id).min(1).max(20),
  studyPoints: z.number().int().min(0).max(100),
};

export const CreateStudyMaterial = z.strictObject({
  ...MaterialFields,
  links: MaterialFields.links.default([]),
  studyPoints: MaterialFields.studyPoints.default(2),
});
export type CreateStudyMaterial = z.input<typeof CreateStudyMaterial>;

export const UpdateStudyMaterial = z.strictObject({
  title: MaterialFields.title.optional(),
  body: MaterialFields.body.optional(),
  links: MaterialFields.links.optional(),
  orgIds: MaterialFields.orgIds.optional(),
  studyPoints: MaterialFields.studyPoints.optional(),
});
export type UpdateStudyMaterial = z.input<typeof UpdateStudyMaterial>;

export const StudyMaterialListQuery = PageQuery.extend({
  /** Materials published to this org or to one above it (what its members see). */
  orgId: Id.optional(),
  q: z.string().trim().max(50).optional(),
  /** Members: only what they have (not yet) studied. */
  studied: z.enum(['yes', 'no']).optional(),
});
export type StudyMaterialListQuery = z.input<typeof StudyMaterialListQuery>;

export const RecordStudy = z.strictObject({
  /** Staff recording 送学上门 name the member; a member marking it studied omits it. */
  memberId: Id.optional(),
  mode: StudyMode.default('self'),
  note: z.string().trim().max(200).optional(),
});
export type RecordStudy = z.input<typeof RecordStudy>;

export const StudyRecord = z.object({
  id: Id,
  materialId: Id,
  memberId: Id,
  memberName: z.string(),
  mode: StudyMode,
  note: z.string().nullable(),
  recordedByName: z.string().nullable(),
  studiedAt: z.string(),
  points: z.number().int(),
});
export type StudyRecord = z.infer<typeof StudyRecord>;

export const StudyRosterMember = z.object({ memberId: Id, name: z.string(), orgName: z.string().nullable(), type: MemberType });
export type StudyRosterMember = z.infer<typeof StudyRosterMember>;

/** Who studied a material and who (of the members in its orgs' subtrees) has not yet. */
export const StudyRoster = z.object({
  studied: z.array(StudyRecord),
  notStudied: z.array(StudyRosterMember),
});
export type StudyRoster = z.infer<typeof StudyRoster>;

export const LeaderboardQuery = z.object({
  /** Defaults to the member's own org; staff must name one. */
  orgId: Id.optional(),
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});
export type LeaderboardQuery = z.input<typeof LeaderboardQuery>;

export const LeaderboardEntry = z.object({
  rank: z.number().int(),
  memberId: Id,
  name: z.string(),
  orgName: z.string().nullable(),
  points: z.number().int(),
  studies: z.number().int(),
  quizzesPassed: z.number().int(),
  isMe: z.boolean(),
});
export type LeaderboardEntry = z.infer<typeof LeaderboardEntry>;

/** 学习之星: study points per member of an org subtree in a period, ranked (equal points share a rank). */
export const Leaderboard = z.object({
  orgId: Id,
  orgName: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  entries: z.array(LeaderboardEntry),
  /** The caller's own line when they are a member of the subtree (also when outside the top list). */
  me: LeaderboardEntry.nullable(),
});
export type Leaderboard = z.infer<typeof Leaderboard>;

export const STUDY_POINT_SOURCES = ['study-material', 'quiz'] as const;
export const StudyPointSource = z.enum(STUDY_POINT_SOURCES);
export type StudyPointSource = z.infer<typeof StudyPointSource>;

export const StudyPointEntry = z.object({
  sourceType: StudyPointSource,
  sourceId: Id,
  title: z.string(),
  points: z.number().int(),
  earnedAt: z.string(),
});
export type StudyPointEntry = z.infer<typeof StudyPointEntry>;

/** A member's own 学习积分, every point with its source. */
export const MyStudyPoints = z.object({ total: z.number().int(), entries: z.array(StudyPointEntry) });
export type MyStudyPoints = z.infer<typeof MyStudyPoints>;

// ——— quizzes (知识测试) ———

export const QUIZ_QUESTION_KINDS = ['single', 'multiple'] as const;
export const QuizQuestionKind = z.enum(QUIZ_QUESTION_KINDS);
export type QuizQuestionKind = z.infer<typeof QuizQuestionKind>;

/** 'once': one attempt; 'best': retakes allowed, the best score counts. */
export const QUIZ_ATTEMPT_POLICIES = ['once', 'best'] as const;
export const QuizAttemptPolicy = z.enum(QUIZ_ATTEMPT_POLICIES);
export type QuizAttemptPolicy = z.infer<typeof QuizAttemptPolicy>;

export const QUIZ_OPTIONS_MIN = 2;
export const QUIZ_OPTIONS_MAX = 8;
/** Seconds a submission may arrive after the deadline (the network, not the member). */
export const QUIZ_SUBMIT_GRACE_SECONDS = 10;

/** Shapes only; the rules (option counts, correct answers, pass score) answer in words. */
export const QuizQuestionInput = z.strictObject({
  stem: z.string().trim().min(1).max(500),
  kind: QuizQuestionKind,
  options: z.array(z.string().trim().max(200)).max(20),
  correct: z.array(z.number().int().min(0)).max(20),
  points: z.number().int().min(1).max(100),
});
export type QuizQuestionInput = z.infer<typeof QuizQuestionInput>;

export const CreateQuiz = z.strictObject({
  title: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).nullable().optional(),
  orgIds: z.array(Id).min(1).max(20),
  opensAt: z.iso.datetime({ offset: true }),
  closesAt: z.iso.datetime({ offset: true }),
  timeLimitSeconds: z.number().int().min(30).max(4 * 3600),
  attemptPolicy: QuizAttemptPolicy,
  passScore: z.number().int().min(0),
  /** 学习积分 for passing (once per quiz). */
  studyPoints: z.number().int().min(0).max(100).default(5),
  questions: z.array(QuizQuestionInput).max(100),
});
export type CreateQuiz = z.input<typeof CreateQuiz>;

/**
 * Any of CreateQuiz's fields; `orgIds` replaces the target orgs. Once a member has started an attempt,
 * the questions, pass score, time limit and attempt policy stay as they are (409 quiz_has_attempts).
 */
export const UpdateQuiz = z.strictObject({
  title: CreateQuiz.shape.title.optional(),
  description: CreateQuiz.shape.description,
  orgIds: CreateQuiz.shape.orgIds.optional(),
  opensAt: CreateQuiz.shape.opensAt.optional(),
  closesAt: CreateQuiz.shape.closesAt.optional(),
  timeLimitSeconds: CreateQuiz.shape.timeLimitSeconds.optional(),
  attemptPolicy: CreateQuiz.shape.attemptPolicy.optional(),
  passScore: CreateQuiz.shape.passScore.optional(),
  studyPoints: z.number().int().min(0).max(100).optional(),
  questions: CreateQuiz.shape.questions.optional(),
});
export type UpdateQuiz = z.input<typeof UpdateQuiz>;

export const QuizQuestion = z.object({
  stem: z.string(),
  kind: QuizQuestionKind,
  options: z.array(z.string()),
  points: z.number().int(),
  /** Only for learning.manage staff, and in results after submission. */
  correct: z.array(z.number().int()).nullable(),
});
export type QuizQuestion = z.infer<typeof QuizQuestion>;

export const QUIZ_STATUSES = ['upcoming', 'open', 'closed'] as const;
export const QuizStatus = z.enum(QUIZ_STATUSES);
export type QuizStatus = z.infer<typeof QuizStatus>;

export const MyQuizAttempt = z.object({
  id: Id,
  startedAt: z.string(),
  deadline: z.string(),
  submittedAt: z.string().nullable(),
  score: z.number().int().nullable(),
  passed: z.boolean().nullable(),
});
export type MyQuizAttempt = z.infer<typeof MyQuizAttempt>;

export const QuizSummary = z.object({
  id: Id,
  title: z.string(),
  description: z.string().nullable(),
  orgs: z.array(LearningOrgRef),
  opensAt: z.string(),
  closesAt: z.string(),
  status: QuizStatus,
  timeLimitSeconds: z.number().int(),
  attemptPolicy: QuizAttemptPolicy,
  passScore: z.number().int(),
  totalPoints: z.number().int(),
  questionCount: z.number().int(),
  studyPoints: z.number().int(),
  /** Members who submitted at least once / who passed. */
  participantCount: z.number().int(),
  passedCount: z.number().int(),
  /** The caller's attempts (members), newest first. */
  myAttempts: z.array(MyQuizAttempt),
  myBestScore: z.number().int().nullable(),
  /** Whether the caller may start (or resume) an attempt now. */
  canAttempt: z.boolean(),
  createdAt: z.string(),
});
export type QuizSummary = z.infer<typeof QuizSummary>;

export const Quiz = QuizSummary.extend({
  questions: z.array(QuizQuestion),
  /** Someone has started an attempt: the questions and scoring can no longer be edited. */
  hasAttempts: z.boolean(),
});
export type Quiz = z.infer<typeof Quiz>;

export const QuizListQuery = PageQuery.extend({
  orgId: Id.optional(),
  status: QuizStatus.optional(),
});
export type QuizListQuery = z.input<typeof QuizListQuery>;

export const StartedQuizAttempt = z.object({
  id: Id,
  quizId: Id,
  quizTitle: z.string(),
  startedAt: z.string(),
  /** Server-side: answers after it (plus a short grace) are refused. */
  deadline: z.string(),
  serverNow: z.string(),
  questions: z.array(QuizQuestion),
});
export type StartedQuizAttempt = z.infer<typeof StartedQuizAttempt>;

export const SubmitQuizAnswers = z.strictObject({
  /** One entry per answered question (by its index); unanswered questions score nothing. */
  answers: z.array(z.strictObject({ question: z.number().int().min(0), selected: z.array(z.number().int().min(0)).max(20) })).max(100),
});
export type SubmitQuizAnswers = z.input<typeof SubmitQuizAnswers>;

export const QuizResultQuestion = QuizQuestion.extend({
  selected: z.array(z.number().int()),
  earned: z.number().int(),
});

export const QuizAttemptResult = z.object({
  id: Id,
  quizId: Id,
  quizTitle: z.string(),
  memberId: Id,
  memberName: z.string(),
  startedAt: z.string(),
  deadline: z.string(),
  submittedAt: z.string().nullable(),
  score: z.number().int().nullable(),
  totalPoints: z.number().int(),
  passScore: z.number().int(),
  passed: z.boolean().nullable(),
  /** Study points this submission earned (0 when the quiz was passed before). */
  studyPointsEarned: z.number().int(),
  /** With the correct answers once submitted. */
  questions: z.array(QuizResultQuestion),
});
export type QuizAttemptResult = z.infer<typeof QuizAttemptResult>;

export const QuizAttemptRow = z.object({
  id: Id,
  memberId: Id,
  memberName: z.string(),
  orgName: z.string().nullable(),
  startedAt: z.string(),
  submittedAt: z.string().nullable(),
  score: z.number().int().nullable(),
  passed: z.boolean().nullable(),
});
export type QuizAttemptRow = z.infer<typeof QuizAttemptRow>;

export const QuizAttemptListQuery = PageQuery;
