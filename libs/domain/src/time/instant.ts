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

/**
 * UTC `YYYY-MM` of an instant, as a sortable number (year * 12 + month index). Computed from the
 * day number (no Date per call: the evaluation takes one per windowed order).
 */
export const monthKey = (ms: number): number => {
  // civil_from_days (H. Hinnant), on the proleptic Gregorian calendar as Date's UTC getters are.
  const z = Math.floor(ms / DAY_MS) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const monthIndex = mp < 10 ? mp + 2 : mp - 10;
  const year = yoe + era * 400 + (monthIndex <= 1 ? 1 : 0);
  return year * 12 + monthIndex;
};

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Proleptic Gregorian, computed rather than taken from Date.UTC (which reads years 0–99 as 1900–1999). */
function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!;
}

/** Date.UTC, without its mapping of years 0–99 to 1900–1999, and without a Date per call (every event's instant is parsed). */
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  // days_from_civil (H. Hinnant), proleptic Gregorian.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const dayNumber = era * 146_097 + doe - 719_468;
  return dayNumber * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}
