import { RebuildTracker } from './rebuild-progress.js';

describe('RebuildTracker', () => {
  it('reports events/s and an ETA from the share of the log still to project', () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const tracker = new RebuildTracker('v1', 'v2', 'r', 1000n, () => now);
    expect(tracker.progress).toMatchObject({ state: 'building', head: '1000', events: 0, etaSeconds: null, startedAt: '2026-01-01T00:00:00.000Z' });
    now += 2000;
    expect(tracker.advance(250, 250n)).toMatchObject({ events: 250, position: '250', eventsPerSecond: 125, etaSeconds: 6 });
    now += 2000;
    expect(tracker.advance(250, 500n)).toMatchObject({ events: 500, eventsPerSecond: 125, etaSeconds: 4 });
    // Events appended after the start push the position past the head: nothing left, not negative.
    expect(tracker.advance(600, 1100n).etaSeconds).toBe(0);
  });

  it('ends with done or failed, the finish time and the error', () => {
    let now = 0;
    const tracker = new RebuildTracker('v1', 'v2', 'r', 10n, () => now);
    now = 5000;
    expect(tracker.fail(new Error('disk full'))).toMatchObject({ state: 'failed', error: 'disk full', finishedAt: '1970-01-01T00:00:05.000Z' });
    const other = new RebuildTracker('v1', 'v3', 'r', 10n, () => now);
    expect(other.enter('switching').finishedAt).toBeNull();
    expect(other.enter('done')).toMatchObject({ state: 'done', error: null, finishedAt: '1970-01-01T00:00:05.000Z' });
  });
});
