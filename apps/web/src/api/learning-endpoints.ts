/** The learning APIs (学习教育): study materials, studies and 送学上门, quizzes and attempts, 学习之星. */
import {
  Leaderboard as LeaderboardSchema,
  MyStudyPoints as MyStudyPointsSchema,
  Quiz as QuizSchema,
  QuizAttemptResult as QuizAttemptResultSchema,
  QuizAttemptRow as QuizAttemptRowSchema,
  QuizSummary as QuizSummarySchema,
  StartedQuizAttempt as StartedQuizAttemptSchema,
  StudyAttachment as StudyAttachmentSchema,
  StudyMaterial as StudyMaterialSchema,
  StudyRecord as StudyRecordSchema,
  StudyRoster as StudyRosterSchema,
  pageOf,
} from '@gridwork/contracts';
import type {
  CreateQuiz,
  CreateStudyMaterial,
  Leaderboard,
  MyStudyPoints,
  Quiz,
  QuizAttemptResult,
  QuizAttemptRow,
  QuizStatus,
  QuizSummary,
  RecordStudy,
  StartedQuizAttempt,
  StudyAttachment,
  StudyMaterial,
  StudyRecord,
  StudyRoster,
  SubmitQuizAnswers,
  UpdateQuiz,
  UpdateStudyMaterial,
} from '@gridwork/contracts';
import { request, uploadForm } from './client';
import type { Page } from './types';

const V1 = '/api/v1';
const enc = encodeURIComponent;

export interface StudyMaterialQuery {
  orgId?: string;
  q?: string;
  studied?: 'yes' | 'no';
  cursor?: string;
  limit?: number;
}

export interface QuizQuery {
  orgId?: string;
  status?: QuizStatus;
  cursor?: string;
  limit?: number;
}

export interface LeaderboardParams {
  orgId?: string;
  /** `YYYY-MM-DD`, China dates. */
  from?: string;
  to?: string;
  limit?: number;
}

const MaterialPage = pageOf(StudyMaterialSchema);
const QuizPage = pageOf(QuizSummarySchema);
const AttemptPage = pageOf(QuizAttemptRowSchema);

export const learningApi = {
  materials: (query: StudyMaterialQuery) => request<Page<StudyMaterial>>('GET', `${V1}/study-materials`, { query: { ...query }, schema: MaterialPage }),
  material: (id: string) => request<StudyMaterial>('GET', `${V1}/study-materials/${enc(id)}`, { schema: StudyMaterialSchema }),
  createMaterial: (body: CreateStudyMaterial) => request<StudyMaterial>('POST', `${V1}/study-materials`, { body, schema: StudyMaterialSchema }),
  updateMaterial: (id: string, body: UpdateStudyMaterial) => request<StudyMaterial>('PATCH', `${V1}/study-materials/${enc(id)}`, { body, schema: StudyMaterialSchema }),
  uploadAttachment: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return uploadForm<StudyAttachment>(`${V1}/study-materials/${enc(id)}/attachments`, form, StudyAttachmentSchema);
  },
  attachmentUrl: (id: string, attachmentId: string) => `${V1}/study-materials/${enc(id)}/attachments/${enc(attachmentId)}`,
  removeAttachment: (id: string, attachmentId: string) => request<{ ok: true }>('DELETE', `${V1}/study-materials/${enc(id)}/attachments/${enc(attachmentId)}`),
  recordStudy: (id: string, body: RecordStudy, idempotencyKey: string) =>
    request<StudyRecord>('POST', `${V1}/study-materials/${enc(id)}/studies`, { body, schema: StudyRecordSchema, headers: { 'Idempotency-Key': idempotencyKey } }),
  roster: (id: string) => request<StudyRoster>('GET', `${V1}/study-materials/${enc(id)}/studies`, { schema: StudyRosterSchema }),
  leaderboard: (params: LeaderboardParams) => request<Leaderboard>('GET', `${V1}/learning/leaderboard`, { query: { ...params }, schema: LeaderboardSchema }),
  myPoints: () => request<MyStudyPoints>('GET', `${V1}/learning/my-points`, { schema: MyStudyPointsSchema }),

  quizzes: (query: QuizQuery) => request<Page<QuizSummary>>('GET', `${V1}/quizzes`, { query: { ...query }, schema: QuizPage }),
  quiz: (id: string) => request<Quiz>('GET', `${V1}/quizzes/${enc(id)}`, { schema: QuizSchema }),
  createQuiz: (body: CreateQuiz) => request<Quiz>('POST', `${V1}/quizzes`, { body, schema: QuizSchema }),
  updateQuiz: (id: string, body: UpdateQuiz) => request<Quiz>('PATCH', `${V1}/quizzes/${enc(id)}`, { body, schema: QuizSchema }),
  startAttempt: (quizId: string, idempotencyKey: string) =>
    request<StartedQuizAttempt>('POST', `${V1}/quizzes/${enc(quizId)}/attempts`, { schema: StartedQuizAttemptSchema, headers: { 'Idempotency-Key': idempotencyKey } }),
  attempts: (quizId: string, cursor?: string) => request<Page<QuizAttemptRow>>('GET', `${V1}/quizzes/${enc(quizId)}/attempts`, { query: { cursor, limit: 100 }, schema: AttemptPage }),
  submitAnswers: (attemptId: string, body: SubmitQuizAnswers) => request<QuizAttemptResult>('POST', `${V1}/quiz-attempts/${enc(attemptId)}/answers`, { body, schema: QuizAttemptResultSchema }),
  attempt: (attemptId: string) => request<QuizAttemptResult>('GET', `${V1}/quiz-attempts/${enc(attemptId)}`, { schema: QuizAttemptResultSchema }),
};
