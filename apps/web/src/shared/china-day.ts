/**
 * The calendar day in China (YYYY-MM-DD). Dates the server checks (served on, studied on, score
 * years) are China days, so a browser in another time zone must not offer its own.
 */
export function chinaDay(at: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(at);
}
