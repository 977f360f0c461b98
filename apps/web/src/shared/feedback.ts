/**
 * Where errors go to be shown. Each app (admin with antd, h5 with antd-mobile) installs its
 * own reporter; code that is not a component (the query cache, tree loaders) calls
 * {@link reportError}.
 */
import { isApiError } from '../api/client';
import { getLocale, translate } from '../i18n/core';

export type ErrorReporter = (error: unknown) => void;

let reporter: ErrorReporter = (error) => console.error(error);

export function setErrorReporter(next: ErrorReporter): void {
  reporter = next;
}

/** Errors that need no toast: the app reacts to them by navigating. */
export function isHandledByNavigation(error: unknown): boolean {
  if (!isApiError(error)) return false;
  if (error.status === 401) return true;
  return error.status === 403 && (error.code === 'password_change_required' || error.code === 'totp_enrolment_required');
}

export function reportError(error: unknown): void {
  if (isHandledByNavigation(error)) return;
  if (error instanceof DOMException && error.name === 'AbortError') return;
  reporter(error);
}

/** The text to show for an error: the server's localized detail, or a generic message. */
export function errorText(error: unknown): string {
  if (isApiError(error)) return error.problem.detail || error.problem.title;
  return translate(getLocale(), 'error.unexpected');
}
