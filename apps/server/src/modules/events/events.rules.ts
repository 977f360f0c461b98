import crypto from 'node:crypto';

const HALF_HOUR = 30 * 60_000;

/**
 * The hours that count: check-in to check-out clipped to the event's own time (arriving early or
 * leaving late earns nothing extra), rounded to the nearest half hour.
 */
export function countedInterval(checkIn: Date, checkOut: Date, startsAt: Date, endsAt: Date): { from: Date; to: Date; halfHours: number } {
  const from = new Date(Math.max(checkIn.getTime(), startsAt.getTime()));
  const to = new Date(Math.min(checkOut.getTime(), endsAt.getTime()));
  const halfHours = to > from ? Math.round((to.getTime() - from.getTime()) / HALF_HOUR) : 0;
  return { from, to: to > from ? to : from, halfHours };
}

/** The check-in code rotates every 5 minutes; the previous window's code is still accepted (slow scanners). */
export const CODE_WINDOW_MS = 5 * 60_000;

export function checkInCodeAt(secret: string, at: Date): { code: string; expiresAt: Date } {
  const window = Math.floor(at.getTime() / CODE_WINDOW_MS);
  return { code: codeOf(secret, window), expiresAt: new Date((window + 2) * CODE_WINDOW_MS) };
}

export function isValidCheckInCode(secret: string, code: string, at: Date): boolean {
  const window = Math.floor(at.getTime() / CODE_WINDOW_MS);
  return [window, window - 1].some((w) => crypto.timingSafeEqual(Buffer.from(codeOf(secret, w)), Buffer.from(code.padEnd(6).slice(0, 6))));
}

function codeOf(secret: string, window: number): string {
  const digest = crypto.createHmac('sha256', secret).update(String(window)).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/** Points for confirmed hours: hours × points per hour, rounded. */
export const pointsFor = (halfHours: number, pointsPerHour: number) => Math.round((halfHours / 2) * pointsPerHour);
