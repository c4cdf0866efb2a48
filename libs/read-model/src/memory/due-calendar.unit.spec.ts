import { DueCalendar } from './due-calendar.js';

const DAY = 86_400_000;

describe('DueCalendar', () => {
  it('gives the customers due at each asOf as a scan of every nextDueAt does, through moves', () => {
    const calendar = new DueCalendar();
    const dueAt = new Map<string, number | null>();
    let seed = 3;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let day = 1; day <= 300; day++) {
      for (let k = 0; k < 20; k++) {
        const id = `c${next(60)}`;
        const from = dueAt.get(id) ?? null;
        // Mostly ahead, sometimes behind the clock, sometimes exactly at a midnight, sometimes nothing due.
        const to = next(10) === 0 ? null : next(10) === 1 ? (day + next(3)) * DAY : day * DAY + (next(200) - 20) * DAY / 3;
        calendar.move(id, from, to);
        dueAt.set(id, to);
      }
      const asOf = next(4) === 0 ? day * DAY + 1234 : day * DAY;
      const expected = [...dueAt].filter(([, at]) => at !== null && at <= asOf).map(([id]) => id).sort();
      expect(calendar.dueAt(asOf, (id) => dueAt.get(id) ?? null).sort()).toEqual(expected);
    }
  });
});
