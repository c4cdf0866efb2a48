import { KnownEventsCache } from './known-events-cache.js';

const ref = (revision: bigint) => ({ revision, position: revision * 10n });

describe('KnownEventsCache', () => {
  it('moves the tail only while the entry stays gap-free', () => {
    const cache = new KnownEventsCache(100);
    cache.record('s', 'a', ref(0n));
    cache.record('s', 'b', ref(1n));
    expect(cache.entry('s').lastRevision).toBe(1n);
    cache.record('s', 'd', ref(3n));
    expect(cache.entry('s').lastRevision).toBe(1n);
    cache.completeUpTo('s', 3n);
    expect(cache.entry('s').lastRevision).toBe(3n);
    expect(cache.entry('s').ids.get('d')).toEqual(ref(3n));
  });

  it('drops the least recently used streams beyond the bound, never the one in use', () => {
    const cache = new KnownEventsCache(4);
    cache.record('old', 'a', ref(0n));
    cache.record('old', 'b', ref(1n));
    cache.record('recent', 'c', ref(0n));
    cache.entry('old');
    cache.record('busy', 'd', ref(0n));
    cache.record('busy', 'e', ref(1n));
    cache.trim('busy');
    expect(cache.totalIds).toBe(4);
    expect(cache.entry('old').ids.size).toBe(2);
    expect(cache.entry('busy').ids.size).toBe(2);
    expect(cache.entry('recent').ids.size).toBe(0);

    cache.trim('nothing');
    cache.record('busy', 'f', ref(2n));
    cache.trim('busy');
    expect(cache.entry('busy').ids.size).toBe(3);
    expect(cache.totalIds).toBeLessThanOrEqual(4);
  });

  it('counts an id recorded twice once and forgets a reset stream', () => {
    const cache = new KnownEventsCache(10);
    cache.record('s', 'a', ref(0n));
    cache.record('s', 'a', ref(0n));
    expect(cache.totalIds).toBe(1);
    cache.reset('s');
    expect(cache.totalIds).toBe(0);
    expect(cache.entry('s').lastRevision).toBe(-1n);
  });
});
