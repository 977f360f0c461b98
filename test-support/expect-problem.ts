import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

/** A list page as the API returns it. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

/** The fields of an RFC 9457 problem that tests look at. */
export interface Problem {
  code: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

export const hasChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);

/** Asserts an application/problem+json answer with this status and code and a Chinese detail. */
export function expectProblem(response: LightMyRequestResponse, status: number, code: string): Problem {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  const problem = response.json<Problem>();
  expect(problem.code).toBe(code);
  expect(problem.status).toBe(status);
  expect(hasChinese(problem.detail), problem.detail).toBe(true);
  return problem;
}
