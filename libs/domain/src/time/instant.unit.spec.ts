import { addDays, DAY_MS, dateOf, dayEndAsOf, days, formatDate, formatInstant, monthKey, parseDate, parseInstant } from './instant.js';

describe('parseInstant', () => {
  it('reads a UTC instant with Z', () => {
    expect(parseInstant('2024-03-01T12:34:56Z')).toBe(Date.UTC(2024, 2, 1, 12, 34, 56));
  });

  it('converts offsets to UTC (across a leap day and with half-hour zones)', () => {
    expect(parseInstant('2024-03-01T01:00:00+02:00')).toBe(Date.UTC(2024, 1, 29, 23, 0, 0));
    expect(parseInstant('2024-03-01T12:00:00-05:30')).toBe(Date.UTC(2024, 2, 1, 17, 30, 0));
    expect(parseInstant('2024-03-01T12:00:00+00:00')).toBe(parseInstant('2024-03-01T12:00:00Z'));
    expect(parseInstant('2024-03-01T12:00:00-00:00')).toBe(parseInstant('2024-03-01T12:00:00Z'));
  });

  it('pads short fractions to milliseconds', () => {
    expect(parseInstant('2024-03-01T00:00:00.7Z')).toBe(Date.UTC(2024, 2, 1) + 700);
    expect(parseInstant('2024-03-01T00:00:00.05Z')).toBe(Date.UTC(2024, 2, 1) + 50);
  });

  it('truncates digits beyond milliseconds (never rounds up)', () => {
    expect(parseInstant('2024-03-01T00:00:00.123456789Z')).toBe(Date.UTC(2024, 2, 1) + 123);
    expect(parseInstant('2024-03-01T23:59:59.9999Z')).toBe(Date.UTC(2024, 2, 1, 23, 59, 59, 999));
  });

  it('requires the zone, although Date.parse accepts a local date-time', () => {
    expect(Number.isNaN(Date.parse('2024-03-01T12:34:56'))).toBe(false);
    expect(parseInstant('2024-03-01T12:34:56')).toBeNull();
    expect(parseInstant('2024-03-01T12:34:56.123')).toBeNull();
  });

  it.each([
    ['2023-02-29T00:00:00Z', 'no leap day in 2023'],
    ['2024-04-31T00:00:00Z', 'April has 30 days'],
    ['2024-13-01T00:00:00Z', 'month 13'],
    ['2024-00-10T00:00:00Z', 'month 0'],
    ['2024-01-00T00:00:00Z', 'day 0'],
    ['2024-01-01T24:00:00Z', 'hour 24'],
    ['2024-01-01T00:60:00Z', 'minute 60'],
    ['2024-01-01T00:00:60Z', 'second 60'],
    ['2024-01-01T00:00:00+24:00', 'offset hour 24'],
    ['2024-01-01T00:00:00+01:60', 'offset minute 60'],
    ['2024-01-01T00:00:00+0100', 'offset without colon'],
    ['2024-01-01', 'a date only'],
    ['2024-01-01 00:00:00Z', 'space separator'],
    ['2024-01-01T00:00Z', 'no seconds'],
    ['2024-01-01T00:00:00.Z', 'empty fraction'],
    ['not a date', 'text'],
  ])('rejects %s (%s)', (text) => {
    expect(parseInstant(text)).toBeNull();
  });

  it('accepts the leap day of a leap year', () => {
    expect(parseInstant('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
  });

  it('reads years 0-99 as themselves in the proleptic Gregorian calendar: 0000 is a leap year, 0100 and 1900 are not', () => {
    const leapDay = parseInstant('0000-02-29T00:00:00Z') as number;
    expect(formatInstant(leapDay)).toBe('0000-02-29T00:00:00.000Z');
    expect(leapDay).toBe(Date.parse('0000-02-29T00:00:00.000Z'));
    expect(parseInstant('0004-02-29T12:00:00Z')).not.toBeNull();
    expect(parseInstant('0100-02-29T00:00:00Z')).toBeNull();
    expect(parseInstant('1900-02-29T00:00:00Z')).toBeNull();
    expect(parseInstant('2000-02-29T00:00:00Z')).toBe(Date.UTC(2000, 1, 29));
    expect(parseDate('0000-02-29')).toBe(leapDay);
  });

  it('round-trips through formatInstant as ISO with milliseconds and Z', () => {
    expect(formatInstant(parseInstant('2024-03-01T01:00:00.5+02:00') as number)).toBe('2024-02-29T23:00:00.500Z');
  });
});

describe('days', () => {
  const a = Date.UTC(2024, 0, 1);

  it('floors whole days: one ms short of a day is 0, a day is 1', () => {
    expect(days(a, a)).toBe(0);
    expect(days(a, a + DAY_MS - 1)).toBe(0);
    expect(days(a, a + DAY_MS)).toBe(1);
    expect(days(a, a + 90 * DAY_MS + DAY_MS - 1)).toBe(90);
  });

  it('floors towards −∞ for negative spans', () => {
    expect(days(a, a - 1)).toBe(-1);
    expect(days(a, a - DAY_MS)).toBe(-1);
    expect(days(a, a - DAY_MS - 1)).toBe(-2);
  });
});

describe('dayEndAsOf', () => {
  it('is the next UTC midnight after the date', () => {
    expect(formatInstant(dayEndAsOf('2024-02-28'))).toBe('2024-02-29T00:00:00.000Z');
    expect(formatInstant(dayEndAsOf('2024-02-29'))).toBe('2024-03-01T00:00:00.000Z');
    expect(formatInstant(dayEndAsOf('2023-12-31'))).toBe('2024-01-01T00:00:00.000Z');
  });
});

describe('dateOf', () => {
  it('is the UTC date of the instant, whatever zone it was written in', () => {
    expect(dateOf(parseInstant('2024-03-01T00:00:00Z') as number)).toBe('2024-03-01');
    expect(dateOf(parseInstant('2024-03-01T23:59:59.999Z') as number)).toBe('2024-03-01');
    expect(dateOf(parseInstant('2024-03-01T23:30:00-01:00') as number)).toBe('2024-03-02');
    expect(dateOf(parseInstant('2024-03-01T00:30:00+01:00') as number)).toBe('2024-02-29');
  });

  it('works before 1970 (negative epoch ms)', () => {
    expect(dateOf(parseInstant('1969-12-31T23:59:59.999Z') as number)).toBe('1969-12-31');
  });

  it('is the date whose DayEnded has the next midnight as asOf', () => {
    const t = parseInstant('2024-07-15T10:00:00Z') as number;
    expect(dayEndAsOf(dateOf(t))).toBe(parseInstant('2024-07-16T00:00:00Z'));
  });
});

describe('dates', () => {
  it('parseDate accepts real calendar dates only', () => {
    expect(parseDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseDate('2023-02-29')).toBeNull();
    expect(parseDate('2024-2-1')).toBeNull();
    expect(parseDate('2024-02-01T00:00:00Z')).toBeNull();
  });

  it('addDays crosses months and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(formatDate(Date.UTC(2024, 5, 1, 13))).toBe('2024-06-01');
  });

  it('monthKey tells UTC months apart, including the same month of another year', () => {
    const key = (s: string) => monthKey(parseInstant(s) as number);
    expect(key('2024-01-31T23:59:59.999Z')).not.toBe(key('2024-02-01T00:00:00Z'));
    expect(key('2024-01-01T00:00:00Z')).toBe(key('2024-01-31T23:59:59.999Z'));
    expect(key('2023-01-15T00:00:00Z')).not.toBe(key('2024-01-15T00:00:00Z'));
    expect(key('2024-03-01T01:00:00+02:00')).toBe(key('2024-02-10T00:00:00Z'));
  });

  it("monthKey and parseInstant agree with Date on every day of 1890-2110 and every 13th from year 0 to 2400, at each day's edges", () => {
    const days: number[] = [];
    for (let day = Date.parse('1890-01-01T00:00:00.000Z'); day <= Date.parse('2110-12-31T00:00:00.000Z'); day += DAY_MS) days.push(day);
    for (let day = Date.parse('0000-01-01T00:00:00.000Z'); day <= Date.parse('2400-12-31T00:00:00.000Z'); day += 13 * DAY_MS) days.push(day);
    let mismatches = 0;
    for (const day of days) {
      for (const ms of [day, day + DAY_MS - 1, day + 45_296_789]) {
        const d = new Date(ms);
        if (monthKey(ms) !== d.getUTCFullYear() * 12 + d.getUTCMonth()) mismatches++;
        if (parseInstant(d.toISOString()) !== ms) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
    expect(monthKey(Date.UTC(2024, 1, 29, 12))).toBe(2024 * 12 + 1);
  });
});
