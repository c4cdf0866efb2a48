import { type ClockState, dayEndIsFuture, decideDayEnded, ticksBefore } from './clock-decision.js';

const clock = (lastDate: string | null): ClockState => ({ revision: lastDate === null ? -1n : 0n, lastDate });

describe('decideDayEnded', () => {
  it('accepts any date on an empty clock', () => {
    expect(decideDayEnded(clock(null), '1997-01-01')).toEqual({ kind: 'accept' });
  });

  it('accepts exactly the next date (across a leap day and a year end)', () => {
    expect(decideDayEnded(clock('2024-02-28'), '2024-02-29')).toEqual({ kind: 'accept' });
    expect(decideDayEnded(clock('2023-12-31'), '2024-01-01')).toEqual({ kind: 'accept' });
  });

  it('calls a date already in the clock a duplicate', () => {
    const sixtyDays = { revision: 59n, lastDate: '2024-02-28' };
    expect(decideDayEnded(sixtyDays, '2024-02-28')).toEqual({ kind: 'duplicate' });
    expect(decideDayEnded(sixtyDays, '2024-01-15')).toEqual({ kind: 'duplicate' });
    expect(decideDayEnded(sixtyDays, '2023-12-31')).toEqual({ kind: 'duplicate' });
  });

  it('refuses a date before the first date of the clock, which is not in it', () => {
    expect(decideDayEnded({ revision: 59n, lastDate: '2024-02-28' }, '2023-12-30')).toEqual({ kind: 'before-start', firstDate: '2023-12-31' });
  });

  it('refuses a gap and names the expected date', () => {
    expect(decideDayEnded(clock('2024-02-28'), '2024-03-01')).toEqual({ kind: 'gap', expected: '2024-02-29' });
    expect(decideDayEnded(clock('2023-02-28'), '2023-03-02')).toEqual({ kind: 'gap', expected: '2023-03-01' });
  });
});

describe('ticksBefore: every date after the last tick and before the event’s date', () => {
  it('on an empty clock starts at firstDate (the first imported event’s date)', () => {
    expect(ticksBefore(clock(null), '2024-01-01', '2024-01-01')).toEqual([]);
    expect(ticksBefore(clock(null), '2024-01-04', '2024-01-01')).toEqual(['2024-01-01', '2024-01-02', '2024-01-03']);
  });

  it('continues from the last tick', () => {
    expect(ticksBefore(clock('2024-01-02'), '2024-01-03', '1990-01-01')).toEqual([]);
    expect(ticksBefore(clock('2024-02-27'), '2024-03-02', '1990-01-01')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
  });

  it('ticks nothing for an event on or before the last ticked date (a late event)', () => {
    expect(ticksBefore(clock('2024-01-10'), '2024-01-10', '1990-01-01')).toEqual([]);
    expect(ticksBefore(clock('2024-01-10'), '2024-01-05', '1990-01-01')).toEqual([]);
  });

  it('gives dates that the clock accepts one after the other', () => {
    let state = clock('2023-12-29');
    for (const date of ticksBefore(state, '2024-01-03', '1990-01-01')) {
      expect(decideDayEnded(state, date)).toEqual({ kind: 'accept' });
      state = { revision: state.revision + 1n, lastDate: date };
    }
    expect(state.lastDate).toBe('2024-01-02');
  });
});

describe('dayEndIsFuture', () => {
  const at = (iso: string) => Date.parse(iso);
  it('holds a day whose end is more than 5 minutes after now', () => {
    expect(dayEndIsFuture('2026-12-01', at('2026-12-01T12:00:00Z'))).toBe(true);
    expect(dayEndIsFuture('2026-12-01', at('2026-12-01T23:54:59.999Z'))).toBe(true);
    expect(dayEndIsFuture('2026-12-01', at('2026-12-01T23:55:00Z'))).toBe(false);
    expect(dayEndIsFuture('2026-11-30', at('2026-12-01T00:00:00Z'))).toBe(false);
    expect(dayEndIsFuture('9999-12-31', at('2026-12-01T00:00:00Z'))).toBe(true);
  });
});
