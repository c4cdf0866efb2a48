import { CLOCK_STREAM } from '@lifecycle/event-store';
import { chainHash } from '../event-log/hash-chain.js';
import { planClockAdvance } from './clock-advance-planner.js';
import { ClockAdvanceLimitError } from './clock-errors.js';
import type { ClockDecisionState } from './decision-cache.js';

const dates = (p: ReturnType<typeof planClockAdvance>) => p.request?.events.map((e) => (e.data.data as { date: string }).date);

describe('planClockAdvance (tick-until)', () => {
  const clock: ClockDecisionState = { revision: 4n, lastDate: '2025-01-05', lastHash: 'head' };

  it('ticks every date after the last one up to the given date, chained onto the clock\'s head', () => {
    const p = planClockAdvance({ clock, lastDate: '2025-01-08', firstDate: null });
    expect(p.dates).toEqual(['2025-01-06', '2025-01-07', '2025-01-08']);
    expect(dates(p)).toEqual(p.dates);
    expect(p.request).toMatchObject({ streamId: CLOCK_STREAM, expectedRevision: 4n });
    const [first, second] = p.request!.events;
    expect(first!.metadata.hash).toBe(chainHash('head', { ...first!, metadata: {} }));
    expect(second!.metadata.hash).toBe(chainHash(first!.metadata.hash!, { ...second!, metadata: {} }));
    expect(p.next).toEqual({ revision: 7n, lastDate: '2025-01-08', lastHash: p.request!.events[2]!.metadata.hash });
    expect(clock).toEqual({ revision: 4n, lastDate: '2025-01-05', lastHash: 'head' });
  });

  it('ticks nothing when the clock is there already, or when an empty clock has no first date (an empty log)', () => {
    expect(planClockAdvance({ clock, lastDate: '2025-01-05', firstDate: null })).toEqual({ dates: [], request: null, next: clock });
    const empty: ClockDecisionState = { revision: -1n, lastDate: null, lastHash: null };
    expect(planClockAdvance({ clock: empty, lastDate: '2025-01-05', firstDate: null }).request).toBeNull();
  });

  it('starts an empty clock at the first date, on no_stream', () => {
    const p = planClockAdvance({ clock: { revision: -1n, lastDate: null, lastHash: null }, lastDate: '2025-01-02', firstDate: '2025-01-01' });
    expect(p.request!.expectedRevision).toBe('no_stream');
    expect(dates(p)).toEqual(['2025-01-01', '2025-01-02']);
    expect(p.next.revision).toBe(1n);
  });

  it('refuses more ticks than maxTicks, naming the furthest allowed until', () => {
    expect(() => planClockAdvance({ clock, lastDate: '2025-01-10', firstDate: null, maxTicks: 3 })).toThrow(ClockAdvanceLimitError);
    try {
      planClockAdvance({ clock, lastDate: '2025-01-10', firstDate: null, maxTicks: 3 });
    } catch (error) {
      expect(error).toMatchObject({ ticks: 5, max: 3, furthest: '2025-01-09' });
    }
    expect(planClockAdvance({ clock, lastDate: '2025-01-08', firstDate: null, maxTicks: 3 }).dates).toHaveLength(3);
  });
});
