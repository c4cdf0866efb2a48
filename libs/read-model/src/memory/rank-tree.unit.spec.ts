import { compareRank, type RankKey } from '@lifecycle/domain';
import { RankTree } from './rank-tree.js';

describe('RankTree (net12 desc, customerId asc; small blocks force splits and merges)', () => {
  it('serves the key at a rank and the ranges as a sorted array does, through inserts and removals', () => {
    const tree = new RankTree(8);
    const present = new Map<string, RankKey>();
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let step = 0; step < 3000; step++) {
      const id = `c${next(400)}`;
      const old = present.get(id);
      if (old) tree.remove(old);
      if (next(5) === 0) present.delete(id);
      else {
        const key = { net12: 100 * (1 + next(30)), customerId: id };
        present.set(id, key);
        tree.insert(key);
      }
      if (step % 50 !== 0) continue;
      const sorted = [...present.values()].sort(compareRank);
      expect(tree.size).toBe(sorted.length);
      if (sorted.length === 0) continue;
      for (let rank = 1; rank <= sorted.length; rank += 7) expect(tree.at(rank)).toEqual(sorted[rank - 1]);
      expect(tree.at(sorted.length + 1)).toBeUndefined();
      const a = sorted[next(sorted.length)];
      const b = sorted[next(sorted.length)];
      const [from, until] = compareRank(a, b) <= 0 ? [a, b] : [b, a];
      expect(tree.range(from, until)).toEqual(sorted.filter((k) => compareRank(k, from) > 0 && compareRank(k, until) <= 0));
      expect(tree.range(null, until)).toEqual(sorted.filter((k) => compareRank(k, until) <= 0));
    }
  });
});
