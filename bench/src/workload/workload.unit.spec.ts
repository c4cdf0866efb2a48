import { createHash } from 'node:crypto';
import { validateEvent } from '@lifecycle/core';
import { eventRows } from './event-rows.js';
import { DEFAULT_WINDOW, GeneratedLog, type LogEvent } from './generate-log.js';
import { onePurchasePopulation } from './one-purchase-population.js';
import { routeRequests } from './route-requests.js';

const digest = (events: Iterable<unknown>): string => {
  const hash = createHash('sha256');
  for (const event of events) hash.update(JSON.stringify(event)).update('\n');
  return hash.digest('hex');
};

const log = (seed: number) => new GeneratedLog({ seed, customers: 300, prefix: 'c', ...DEFAULT_WINDOW });

describe('bench workload generator', () => {
  it('gives the same events for the same seed', () => {
    expect(digest(log(7).withTicks())).toBe(digest(log(7).withTicks()));
    expect(digest(routeRequests(500, 3, 'x'))).toBe(digest(routeRequests(500, 3, 'x')));
    expect(digest(eventRows(500, 3).map((row) => row.slice(0, 6)))).toBe(digest(eventRows(500, 3).map((row) => row.slice(0, 6))));
    expect(digest(onePurchasePopulation(1000, '2025-01-01', 5))).toBe(digest(onePurchasePopulation(1000, '2025-01-01', 5)));
  });

  it('gives other events for another seed', () => {
    expect(digest(log(7).withTicks())).not.toBe(digest(log(8).withTicks()));
  });

  it('writes a log in time order, with unique event ids and a realistic mix of types', () => {
    const events: LogEvent[] = [...log(7).withTicks()];
    const instants = events.map((e) => Date.parse(e.occurredAt));
    expect(instants.every((t, i) => i === 0 || t >= instants[i - 1])).toBe(true);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    const count = (type: string) => events.filter((e) => e.type === type).length;
    expect(count('DayEnded')).toBe(DEFAULT_WINDOW.days);
    for (const type of ['CustomerRegistered', 'PurchaseCompleted', 'PurchaseRefunded', 'InteractionRecorded', 'FeedbackSubmitted']) {
      expect(count(type)).toBeGreaterThan(0);
    }
    expect(count('PurchaseCompleted')).toBeGreaterThan(count('PurchaseRefunded'));
  });

  it('generates only envelopes the API accepts as valid', () => {
    const invalid = [...log(9).withTicks()]
      .map((event) => ({ event, outcome: validateEvent(JSON.parse(JSON.stringify(event)), { baseCurrency: 'USD' }) }))
      .filter(({ outcome }) => !outcome.ok);
    expect(invalid).toEqual([]);
  });

  it('stops a log with ticks at the limit', () => {
    expect([...log(7).withTicks(1234)]).toHaveLength(1234);
  });
});
