import { chunkEvents, estimatedEventBytes } from './append-limit.js';
import type { NewEvent } from './event-store.port.js';

const event = (i: number, size: number): NewEvent => ({
  eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, type: 'DayEnded', data: { pad: 'x'.repeat(size) }, metadata: { source: 's' },
});

describe('chunkEvents', () => {
  it('keeps every chunk within the byte bound, in order, and nothing lost', () => {
    const events = Array.from({ length: 100 }, (_, i) => event(i, 50 + (i % 7) * 30));
    const chunks = chunkEvents(events, 2000);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.flat()).toEqual(events);
    for (const chunk of chunks) expect(chunk.reduce((sum, e) => sum + estimatedEventBytes(e), 0)).toBeLessThanOrEqual(2000);
  });

  it('leaves a request under the bound whole and gives an oversized event a chunk of its own', () => {
    const small = [event(1, 10), event(2, 10)];
    expect(chunkEvents(small, 10_000)).toEqual([small]);
    const big = event(3, 5000);
    expect(chunkEvents([small[0]!, big, small[1]!], 1000)).toEqual([[small[0]], [big], [small[1]]]);
  });

  it('counts multi-byte characters as bytes', () => {
    const ascii = estimatedEventBytes(event(1, 100));
    const euros = estimatedEventBytes({ ...event(1, 0), data: { pad: '€'.repeat(100) } });
    expect(euros - ascii).toBe(200);
  });
});
