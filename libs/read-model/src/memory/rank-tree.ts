import { compareRank, type RankKey } from '@lifecycle/domain';

/** Index of the first key of `keys` not ordered before `key` (or, when `after`, the first ordered after it). */
function bound(keys: RankKey[], key: RankKey, after: boolean): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareRank(keys[mid], key);
    if (c < 0 || (after && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The ranking (net12 desc, customerId asc) as an order-statistic list of sorted blocks (the
 * layout of a B-tree's leaves): insert and remove cost two binary searches and a splice within
 * one block, the key at a rank a walk over the block sizes, a range a scan from its start.
 * No allocation per operation, which matters at one update per purchase.
 */
export class RankTree {
  private blocks: RankKey[][] = [];
  private count = 0;

  /** Keys per block before it splits: big enough for few blocks, small enough for cheap splices. */
  constructor(private readonly maxBlock = 1024) {}

  get size(): number {
    return this.count;
  }

  /** The block where `key` belongs: the first whose last key is not before it (else the last block). */
  private blockOf(key: RankKey): number {
    const blocks = this.blocks;
    let lo = 0;
    let hi = blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const block = blocks[mid];
      if (compareRank(block[block.length - 1], key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(key: RankKey): void {
    this.count += 1;
    if (this.blocks.length === 0) {
      this.blocks.push([key]);
      return;
    }
    const b = this.blockOf(key);
    const block = this.blocks[b];
    block.splice(bound(block, key, false), 0, key);
    if (block.length > this.maxBlock) this.blocks.splice(b + 1, 0, block.splice(block.length >>> 1));
  }

  remove(key: RankKey): void {
    if (this.blocks.length === 0) return;
    const b = this.blockOf(key);
    const block = this.blocks[b];
    const i = bound(block, key, false);
    if (i >= block.length || compareRank(block[i], key) !== 0) return;
    block.splice(i, 1);
    this.count -= 1;
    if (block.length === 0) this.blocks.splice(b, 1);
  }

  /** The key at a 1-based rank, or undefined beyond the size. */
  at(rank: number): RankKey | undefined {
    if (rank < 1) return undefined;
    let k = rank - 1;
    for (const block of this.blocks) {
      if (k < block.length) return block[k];
      k -= block.length;
    }
    return undefined;
  }

  /** Keys after `after` (exclusive; null = from the top) up to `until` (inclusive), in rank order. */
  range(after: RankKey | null, until: RankKey): RankKey[] {
    const out: RankKey[] = [];
    const blocks = this.blocks;
    if (blocks.length === 0) return out;
    let b = after === null ? 0 : this.blockOf(after);
    let i = after === null ? 0 : bound(blocks[b], after, true);
    for (; b < blocks.length; b++, i = 0) {
      const block = blocks[b];
      for (; i < block.length; i++) {
        if (compareRank(block[i], until) > 0) return out;
        out.push(block[i]);
      }
    }
    return out;
  }
}
