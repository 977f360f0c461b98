import { describe, expect, it } from 'vitest';
import type { QuizQuestionInput } from '@gridwork/contracts';
import { isPastDeadline, quizViolations, rankByPoints, scoreAnswers } from './quizzes.rules';

const single: QuizQuestionInput = { stem: '一大召开于？', kind: 'single', options: ['1919', '1921'], correct: [1], points: 30 };
const multiple: QuizQuestionInput = { stem: '三会包括？', kind: 'multiple', options: ['党员大会', '支委会', '党小组会', '业主大会'], correct: [0, 1, 2], points: 70 };
const quiz = (questions: QuizQuestionInput[], passScore = 60) => ({ opensAt: '2026-01-01T00:00:00Z', closesAt: '2026-02-01T00:00:00Z', passScore, questions });

describe('quiz rules', () => {
  it('accepts a sound quiz', () => {
    expect(quizViolations(quiz([single, multiple]), 'zh-CN')).toEqual([]);
  });

  it('names each broken rule in Chinese, at its question', () => {
    const messages = quizViolations(quiz([{ ...single, options: ['甲', '甲'], correct: [0, 1] }, { ...multiple, options: ['只有一个'], correct: [3] }], 200), 'zh-CN');
    expect(messages).toEqual([
      { path: 'questions.0', message: '第 1 题有重复的选项' },
      { path: 'questions.0', message: '第 1 题是单选题，只能有一个正确答案（现有 2 个）' },
      { path: 'questions.1', message: '第 2 题应有 2–8 个选项（现有 1 个）' },
      { path: 'questions.1', message: '第 2 题的正确答案指向不存在的选项' },
      { path: 'passScore', message: '及格分（200）不能高于总分（100）' },
    ]);
  });

  it('scores exact answers only, and refuses answers that do not fit', () => {
    expect(scoreAnswers([single, multiple], [{ question: 0, selected: [1] }, { question: 1, selected: [2, 1, 0] }], 'zh-CN')).toEqual({ score: 100, answers: [[1], [0, 1, 2]] });
    expect(scoreAnswers([single, multiple], [{ question: 1, selected: [0, 1] }], 'zh-CN')).toMatchObject({ score: 0 });
    expect(scoreAnswers([single, multiple], [{ question: 0, selected: [0, 1] }], 'zh-CN')).toEqual({ error: '第 1 题是单选题，只能选一个' });
    expect(scoreAnswers([single], [{ question: 0, selected: [1] }, { question: 0, selected: [1] }], 'zh-CN')).toEqual({ error: '第 1 题重复作答' });
  });

  it('allows ten seconds of grace after the deadline', () => {
    const deadline = new Date('2026-01-01T10:00:00Z');
    expect(isPastDeadline(deadline, new Date('2026-01-01T10:00:10Z'))).toBe(false);
    expect(isPastDeadline(deadline, new Date('2026-01-01T10:00:11Z'))).toBe(true);
  });

  it('ranks equal points equally and skips the next rank', () => {
    expect(rankByPoints([{ points: 5 }, { points: 9 }, { points: 5 }, { points: 1 }]).map((r) => [r.points, r.rank])).toEqual([
      [9, 1],
      [5, 2],
      [5, 2],
      [1, 4],
    ]);
  });
});
