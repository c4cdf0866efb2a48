/** Instants are epoch milliseconds (UTC) inside the domain; ISO strings at the edges. */
export const DAY_MS = 86_400_000;

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-](\d{2}):(\d{2}))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±hh:mm)`; the zone is required, offsets convert
 * to UTC, digits beyond milliseconds are truncated. Returns null when it is not an instant.
 */
export function parseInstant(text: string): number | null {
  const m = INSTANT.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone, zh, zm] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const oh = Number(zh), om = Number(zm);
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return utc(year, month, day, hour, minute, second, ms) - offsetMinutes * 60_000;
}

export const formatInstant = (ms: number): string => new Date(ms).toISOString();

/** `days(a, b) = floor((b − a) / 86 400 000 ms)`. */
export const days = (a: number, b: number): number => Math.floor((b - a) / DAY_MS);

/** Parses a UTC calendar date `YYYY-MM-DD` to its midnight, or null. */
export function parseDate(text: string): number | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]), month = Number(m[2]), day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return utc(year, month, day, 0, 0, 0, 0);
}

export const formatDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The UTC date of an instant. */
export const dateOf = (ms: number): string => formatDate(Math.floor(ms / DAY_MS) * DAY_MS);

/** `DayEnded{date}` means that UTC day is over: its asOf is the next midnight. */
export const dayEndAsOf = (date: string): number => (parseDate(date) as number) + DAY_MS;

export const addDays = (date: string, n: number): string => formatDate((parseDate(date) as number) + n * DAY_MS);

/** UTC `YYYY-MM` of an instant, as a sortable number (year * 12 + month index). */
export const monthKey = (ms: number): number => {
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Proleptic Gregorian, computed rather than taken from Date.UTC (which reads years 0–99 as 1900–1999). */
function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!;
}

/** Date.UTC, without its mapping of years 0–99 to 1900–1999. */
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}
