/**
 * Calendar days as people in China write them (Beijing time, UTC+8 all year), whatever the
 * server's time zone: statistics days, served-on and studied-on dates, score years, deadlines.
 */
const dayFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day in China at that instant, `YYYY-MM-DD`. */
export function chinaDay(at: Date = new Date()): string {
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
