import { QUIZ_OPTIONS_MAX, QUIZ_OPTIONS_MIN, QUIZ_SUBMIT_GRACE_SECONDS, type Locale, type QuizQuestionInput } from '@gridwork/contracts';

export interface RuleViolation {
  readonly path: string;
  readonly message: string;
}

interface QuizShape {
  readonly opensAt: string;
  readonly closesAt: string;
  readonly passScore: number;
  readonly questions: readonly QuizQuestionInput[];
}

type Say = (zh: string, en: string) => string;

function questionProblems(q: QuizQuestionInput, n: number, say: Say): string[] {
  const problems: string[] = [];
  const options = q.options.map((o) => o.trim());
  if (options.length === 0) problems.push(say(`第 ${n} 题没有选项`, `question ${n} has no options`));
  else if (options.length < QUIZ_OPTIONS_MIN || options.length > QUIZ_OPTIONS_MAX) {
    problems.push(say(`第 ${n} 题应有 ${QUIZ_OPTIONS_MIN}–${QUIZ_OPTIONS_MAX} 个选项（现有 ${options.length} 个）`, `question ${n} needs ${QUIZ_OPTIONS_MIN}–${QUIZ_OPTIONS_MAX} options (has ${options.length})`));
  }
  if (options.some((o) => o.length === 0)) problems.push(say(`第 ${n} 题有空白选项`, `question ${n} has an empty option`));
  if (new Set(options).size !== options.length) problems.push(say(`第 ${n} 题有重复的选项`, `question ${n} repeats an option`));
  const correct = new Set(q.correct);
  if (correct.size !== q.correct.length) problems.push(say(`第 ${n} 题的正确答案有重复`, `question ${n} lists a correct answer twice`));
  if (q.correct.some((i) => i >= options.length)) problems.push(say(`第 ${n} 题的正确答案指向不存在的选项`, `question ${n} marks an option that does not exist`));
  if (correct.size === 0) problems.push(say(`第 ${n} 题没有设置正确答案`, `question ${n} has no correct answer`));
  else if (q.kind === 'single' && correct.size > 1) problems.push(say(`第 ${n} 题是单选题，只能有一个正确答案（现有 ${correct.size} 个）`, `question ${n} is single choice but has ${correct.size} correct answers`));
  return problems;
}

/** The quiz's rules, each broken one as a sentence the editor can show next to its field. */
export function quizViolations(quiz: QuizShape, locale: Locale): RuleViolation[] {
  const say: Say = (zh, en) => (locale === 'zh-CN' ? zh : en);
  const violations: RuleViolation[] = [];
  if (Date.parse(quiz.closesAt) <= Date.parse(quiz.opensAt)) violations.push({ path: 'closesAt', message: say('结束时间必须晚于开始时间', 'the closing time must be after the opening time') });
  if (quiz.questions.length === 0) violations.push({ path: 'questions', message: say('至少要有一道题', 'add at least one question') });
  quiz.questions.forEach((q, i) => {
    for (const message of questionProblems(q, i + 1, say)) violations.push({ path: `questions.${i}`, message });
  });
  const total = totalPointsOf(quiz.questions);
  if (quiz.questions.length > 0 && quiz.passScore > total) {
    violations.push({ path: 'passScore', message: say(`及格分（${quiz.passScore}）不能高于总分（${total}）`, `the pass score (${quiz.passScore}) is above the total (${total})`) });
  }
  return violations;
}

export function totalPointsOf(questions: readonly Pick<QuizQuestionInput, 'points'>[]): number {
  return questions.reduce((sum, q) => sum + q.points, 0);
}

/** Single choice: the one right option; multiple choice: exactly the right set. No partial credit. */
export function isCorrect(question: Pick<QuizQuestionInput, 'correct'>, selected: readonly number[]): boolean {
  const chosen = new Set(selected);
  return chosen.size === question.correct.length && question.correct.every((i) => chosen.has(i));
}

export interface Scored {
  readonly score: number;
  /** Selected options per question, in question order (empty when unanswered). */
  readonly answers: number[][];
}

/** Scores answers given by question index; returns null with a reason when the answers do not fit the quiz. */
export function scoreAnswers(questions: readonly QuizQuestionInput[], given: readonly { question: number; selected: readonly number[] }[], locale: Locale): Scored | { readonly error: string } {
  const say: Say = (zh, en) => (locale === 'zh-CN' ? zh : en);
  const answers: number[][] = questions.map(() => []);
  const seen = new Set<number>();
  for (const a of given) {
    const q = questions[a.question];
    if (!q) return { error: say(`没有第 ${a.question + 1} 题`, `there is no question ${a.question + 1}`) };
    if (seen.has(a.question)) return { error: say(`第 ${a.question + 1} 题重复作答`, `question ${a.question + 1} is answered twice`) };
    seen.add(a.question);
    const chosen = [...new Set(a.selected)].sort((x, y) => x - y);
    if (chosen.some((i) => i >= q.options.length)) return { error: say(`第 ${a.question + 1} 题选择了不存在的选项`, `question ${a.question + 1} has an option that does not exist`) };
    if (q.kind === 'single' && chosen.length > 1) return { error: say(`第 ${a.question + 1} 题是单选题，只能选一个`, `question ${a.question + 1} takes one answer`) };
    answers[a.question] = chosen;
  }
  const score = questions.reduce((sum, q, i) => sum + (isCorrect(q, answers[i]!) ? q.points : 0), 0);
  return { score, answers };
}

/** Answers are taken until the deadline plus a short grace for the network. */
export function isPastDeadline(deadline: Date, now: Date): boolean {
  return now.getTime() > deadline.getTime() + QUIZ_SUBMIT_GRACE_SECONDS * 1000;
}

export function quizStatusAt(opensAt: Date, closesAt: Date, now: Date): 'upcoming' | 'open' | 'closed' {
  if (now < opensAt) return 'upcoming';
  return now < closesAt ? 'open' : 'closed';
}

/** Competition ranking: equal points share a rank, the next rank skips (1, 1, 3). */
export function rankByPoints<T extends { readonly points: number }>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.points - a.points);
  return sorted.map((row, i) => ({ ...row, rank: i > 0 && sorted[i - 1]!.points === row.points ? sorted.findIndex((r) => r.points === row.points) + 1 : i + 1 }));
}
