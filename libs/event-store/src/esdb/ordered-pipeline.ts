export type KeyedLock = <T>(key: string, task: () => Promise<T>) => Promise<T>;

export interface OrderedPipelineSteps<T, P, C, R> {
  /** At most this many items between start and finish at once. */
  concurrency: number;
  /** Items with the same key run one after another, in order. */
  keyOf: (item: T) => string;
  /** The lock to take per key, to also exclude work outside the pipeline; a fresh one by default. */
  lock?: KeyedLock;
  /** Runs concurrently with other keys' items (e.g. reads). */
  prepare: (item: T) => Promise<P>;
  /**
   * The writes. Without `isBarrier` they run strictly in item order, one at a time. With it, a
   * barrier item commits after every earlier item and before every later one, while the items
   * between two barriers commit concurrently (in order per key, as the key lock keeps them).
   */
  commit: (item: T, prepared: P) => Promise<C>;
  isBarrier?: (item: T) => boolean;
  /** Runs after the commit, concurrently again, still holding the key (e.g. reading back). */
  finish: (item: T, committed: C) => Promise<R>;
}

/**
 * Processes items so that commits happen in item order (or barrier order, see `isBarrier`) while
 * the preparation of later items overlaps with earlier commits. Stops committing after the first
 * failure and rethrows it once all started items have settled.
 */
export async function runOrderedPipeline<T, P, C, R>(items: readonly T[], steps: OrderedPipelineSteps<T, P, C, R>): Promise<R[]> {
  const lock = steps.lock ?? createKeyedLock();
  const limit = createLimiter(steps.concurrency);
  const results: R[] = new Array(items.length);
  let failure: { error: unknown } | undefined;
  const isBarrier = steps.isBarrier ?? (() => true);
  let lastBarrier: Promise<unknown> = Promise.resolve();
  let sinceBarrier: Promise<void>[] = [];

  const runs = items.map((item, index) => {
    let passTurn!: () => void;
    const committed = new Promise<void>((done) => (passTurn = done));
    let turn: Promise<unknown>;
    if (isBarrier(item)) {
      turn = Promise.all([lastBarrier, ...sinceBarrier]);
      lastBarrier = committed;
      sinceBarrier = [];
    } else {
      turn = lastBarrier;
      sinceBarrier.push(committed);
    }
    return limit(() =>
      lock(steps.keyOf(item), async () => {
        try {
          if (failure) return;
          const prepared = await steps.prepare(item);
          await turn;
          if (failure) return;
          let committed: C;
          try {
            committed = await steps.commit(item, prepared);
          } finally {
            passTurn();
          }
          results[index] = await steps.finish(item, committed);
        } catch (error) {
          failure ??= { error };
        } finally {
          passTurn();
        }
      }),
    );
  });
  await Promise.all(runs);
  if (failure) throw failure.error;
  return results;
}

/** Runs tasks with the same key one after another, in call order. */
export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  return (key, task) => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}

/** Runs at most `max` tasks at once, starting them in call order. */
export function createLimiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  // A finishing task hands its slot straight to the next waiter, so later callers cannot jump the queue.
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return async (task) => {
    if (active >= max) await new Promise<void>((start) => waiting.push(start));
    else active++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
