import type { StoredTransition } from './read-model.port.js';
import type { DailyTransitionTally, TransitionTally } from './stats.port.js';

/** What the tallies of `transitions` must be, computed one transition at a time; per UTC day when `dayMs` is given. */
export function expectedTallies(transitions: StoredTransition[], dayMs?: number): Array<TransitionTally | DailyTransitionTally> {
  const tallies = new Map<string, TransitionTally & { day?: number }>();
  for (const tr of transitions) {
    const day = dayMs === undefined ? undefined : Math.floor(tr.t / dayMs);
    const key = JSON.stringify([day, tr.field, tr.from, tr.to]);
    const tally = tallies.get(key) ?? { ...(day === undefined ? {} : { day }), field: tr.field, from: tr.from, to: tr.to, n: 0, reactivations: 0 };
    tally.n += 1;
    if (tr.reactivation) tally.reactivations += 1;
    tallies.set(key, tally);
  }
  return sortTallies([...tallies.values()]);
}

/** A canonical order, so that two sets of tallies compare with toEqual. */
export const sortTallies = <T extends TransitionTally>(tallies: T[]): T[] =>
  [...tallies].sort((a, b) => {
    const [x, y] = [JSON.stringify([(a as { day?: number }).day, a.field, a.from, a.to]), JSON.stringify([(b as { day?: number }).day, b.field, b.from, b.to])];
    return x < y ? -1 : x > y ? 1 : 0;
  });
