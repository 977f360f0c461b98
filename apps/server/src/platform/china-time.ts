/**
 * Calendar days as people in China write them (Beijing time, UTC+8 all year), whatever the
 * server's time zone: statistics days, served-on and studied-on dates, score years, deadlines.
 */
const dayFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** China has kept UTC+8 all year since 1992 (summer time ended in 1991). */
const FIXED_OFFSET_SINCE = Date.UTC(1992, 0, 1);
const CHINA_OFFSET_MS = 8 * 3_600_000;
const MAX_FOUR_DIGIT_YEAR = Date.UTC(9999, 11, 31);

/** The day in China at that instant, `YYYY-MM-DD`. */
export function chinaDay(at: Date = new Date()): string {
  const ms = at.getTime();
  // Plain arithmetic where the offset is fixed: Intl formatting costs ~10 µs a call, and every intake asks.
  if (ms >= FIXED_OFFSET_SINCE && ms < MAX_FOUR_DIGIT_YEAR) return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  return dayFormat.format(at);
}

/** Midnight in China at the start of a `YYYY-MM-DD` day. */
export function chinaMidnight(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** Noon in China on a `YYYY-MM-DD` day: when a day's service "happened" for a year and an order. */
export function chinaNoon(day: string): Date {
  return new Date(`${day}T12:00:00+08:00`);
}
