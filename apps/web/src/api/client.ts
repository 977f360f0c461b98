/**
 * The typed HTTP client: JSON in and out, the session cookie (same origin), the CSRF
 * header on state-changing requests, the UI locale in `Accept-Language`, and RFC 9457
 * problem details turned into {@link ApiError}.
 */
import { Problem as ProblemSchema } from '@gridwork/contracts';
import type { Problem } from '@gridwork/contracts';
import { getLocale, translate } from '../i18n/core';
import type { CsrfResponse } from './types';

/** An error answered by the API (or a network failure, with status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }

  /** Field errors of a validation failure, if any. */
  get fieldErrors(): readonly { path: string; message: string }[] {
    return this.problem.errors ?? [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Codes the server answers with while a session is restricted. */
export type RestrictionCode = 'password_change_required' | 'totp_enrolment_required';

export interface ClientHooks {
  /** Called on any 401 (except where the caller opted out), e.g. to go to the login page. */
  onUnauthorized?: (error: ApiError) => void;
  /** Called when a restricted session tries something else than lifting its restriction. */
  onRestricted?: (code: RestrictionCode) => void;
}

let hooks: ClientHooks = {};

/** Install the app's reactions to 401 and restricted sessions (last one wins). */
export function configureClient(next: ClientHooks): void {
  hooks = next;
}

/** Something with a zod-like `safeParse`, used to check responses in development. */
interface ResponseSchema {
  safeParse(data: unknown): { success: boolean; error?: unknown };
}

type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Readonly<Record<string, QueryValue>>;

export interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  /** Contract schema of the response; checked in development, a mismatch is only logged. */
  schema?: ResponseSchema;
  /** Do not call `onUnauthorized` on 401 (login form, session probe). */
  skipAuthRedirect?: boolean;
  /** Send the CSRF header (default: on for POST/PUT/PATCH/DELETE). */
  csrf?: boolean;
  signal?: AbortSignal;
  /** Extra headers, e.g. `Idempotency-Key` on creations a retry must not double. */
  headers?: Readonly<Record<string, string>>;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const CSRF_PATH = '/api/v1/auth/csrf';
let csrfToken: string | null = null;
let csrfPending: Promise<string> | null = null;

/** Remember the token from the login response (or forget it on logout). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function ensureCsrfToken(): Promise<string> {
  if (csrfToken) return csrfToken;
  csrfPending ??= request<CsrfResponse>('GET', CSRF_PATH)
    .then((r) => {
      csrfToken = r.csrfToken;
      return r.csrfToken;
    })
    .finally(() => {
      csrfPending = null;
    });
  return csrfPending;
}

export function buildUrl(path: string, query?: QueryParams): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fallbackProblem(status: number, statusText: string): Problem {
  const code = status >= 500 ? 'internal_error' : `http_${status}`;
  const detail =
    status === 0
      ? translate(getLocale(), 'error.network')
      : status >= 500
        ? translate(getLocale(), 'error.server')
        : translate(getLocale(), 'error.http', { status });
  return { type: 'about:blank', title: statusText || code, status, detail, code };
}

async function readProblem(res: Response): Promise<Problem> {
  let data: unknown = null;
  try {
    data = await res.json();
  } catch {
    return fallbackProblem(res.status, res.statusText);
  }
  const parsed = ProblemSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  // A partial problem document: keep what is usable.
  const base = fallbackProblem(res.status, res.statusText);
  if (isRecord(data)) {
    if (typeof data.detail === 'string' && data.detail) base.detail = data.detail;
    if (typeof data.code === 'string') base.code = data.code;
    if (typeof data.title === 'string') base.title = data.title;
  }
  return base;
}

const MUTATING: ReadonlySet<HttpMethod> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function send(method: HttpMethod, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': getLocale(),
    ...options.headers,
  };
  const wantsCsrf = options.csrf ?? MUTATING.has(method);
  if (wantsCsrf) headers['x-csrf-token'] = await ensureCsrfToken();
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  try {
    return await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(fallbackProblem(0, 'Network error'));
  }
}

/**
 * Send one request and return its JSON body typed as `T`.
 * @example const me = await request<Me>('GET', '/api/v1/auth/me', { schema: Me });
 */
export async function request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
  let res = await send(method, path, options);
  let problem: Problem | null = null;
  if (!res.ok) {
    problem = await readProblem(res);
    // A stale CSRF token (e.g. a new session in another tab): fetch a fresh one and retry once.
    if (res.status === 403 && problem.code === 'csrf_invalid' && (options.csrf ?? MUTATING.has(method))) {
      csrfToken = null;
      res = await send(method, path, options);
      problem = res.ok ? null : await readProblem(res);
    }
  }
  if (problem) {
    const error = new ApiError(problem);
    if (problem.status === 401 && !options.skipAuthRedirect) hooks.onUnauthorized?.(error);
    if (problem.status === 403 && (problem.code === 'password_change_required' || problem.code === 'totp_enrolment_required')) {
      hooks.onRestricted?.(problem.code);
    }
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (options.schema && import.meta.env.DEV) {
    const check = options.schema.safeParse(data);
    if (!check.success) console.warn(`[api] ${method} ${path}: response does not match the contract`, check.error);
  }
  return data as T;
}

/** The file name of a download: `filename*=UTF-8''…` first, then `filename="…"`, else the fallback. */
function fileNameOf(res: Response, fallback: string): string {
  const header = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // Malformed: try the plain parameter.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() || fallback;
}

/**
 * Download a file (xlsx, JSON) with the session cookie and save it through a blob link.
 * Failures come back as {@link ApiError} like any other request.
 */
export async function downloadFile(path: string, query?: QueryParams, fallbackName = 'download'): Promise<void> {
  let res: Response;
  try {
    res = await fetch(buildUrl(path, query), {
      method: 'GET',
      headers: { 'Accept-Language': getLocale() },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(fallbackProblem(0, 'Network error'));
  }
  if (!res.ok) {
    const error = new ApiError(await readProblem(res));
    if (error.status === 401) hooks.onUnauthorized?.(error);
    throw error;
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(res, fallbackName);
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** POST a multipart form (file upload) with the CSRF header; JSON answer typed as `T`. */
export async function uploadForm<T>(path: string, form: FormData, schema?: ResponseSchema): Promise<T> {
  const post = async () => {
    try {
      return await fetch(path, {
        method: 'POST',
        headers: {
          Accept: 'application/json, application/problem+json',
          'Accept-Language': getLocale(),
          'x-csrf-token': await ensureCsrfToken(),
        },
        body: form,
        credentials: 'same-origin',
      });
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError(fallbackProblem(0, 'Network error'));
    }
  };
  let res = await post();
  if (!res.ok) {
    let problem = await readProblem(res);
    if (res.status === 403 && problem.code === 'csrf_invalid') {
      csrfToken = null;
      res = await post();
      if (!res.ok) problem = await readProblem(res);
    }
    if (!res.ok) {
      const error = new ApiError(problem);
      if (error.status === 401) hooks.onUnauthorized?.(error);
      throw error;
    }
  }
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (schema && import.meta.env.DEV) {
    const check = schema.safeParse(data);
    if (!check.success) console.warn(`[api] POST ${path}: response does not match the contract`, check.error);
  }
  return data as T;
}
