/**
 * Durations in the one form people read in every surface (CLI, explain, popup):
 * exact seconds and minutes when short, "about …" once rounding starts, never raw
 * minutes or fractional hours. Singular and plural agree with the number.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A mean Gregorian month and year, good enough for "about" wording. */
const MONTH = 30.436875 * DAY;
const YEAR = 12 * MONTH;

/** "1 second", "2 seconds": the unit agrees with the number. */
export function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** A duration in milliseconds (its sign is ignored) as people say it: "45 seconds", "about 5 years 10 months". */
export function humanDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'an unknown time';
  const abs = Math.abs(ms);
  if (abs < SECOND) return 'less than a second';
  if (abs < 2 * MINUTE) return plural(Math.round(abs / SECOND), 'second');
  if (abs < 2 * HOUR) {
    const exact = abs % MINUTE < SECOND;
    return `${exact ? '' : 'about '}${plural(Math.round(abs / MINUTE), 'minute')}`;
  }
  if (abs < 2 * DAY) return `about ${plural(Math.round(abs / HOUR), 'hour')}`;
  if (abs < 2 * MONTH) return `about ${plural(Math.round(abs / DAY), 'day')}`;
  if (abs < 2 * YEAR) return `about ${plural(Math.round(abs / MONTH), 'month')}`;
  let years = Math.floor(abs / YEAR);
  let months = Math.round((abs - years * YEAR) / MONTH);
  if (months === 12) {
    years += 1;
    months = 0;
  }
  return `about ${plural(years, 'year')}${months ? ` ${plural(months, 'month')}` : ''}`;
}

/** A clock offset: "about 5 years 10 months behind", "1 second ahead". Positive is ahead. */
export function humanSkew(ms: number, ahead = 'ahead', behind = 'behind'): string {
  return `${humanDuration(ms)} ${ms >= 0 ? ahead : behind}`;
}
