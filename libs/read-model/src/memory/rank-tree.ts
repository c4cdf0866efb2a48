import { compareRank, type RankKey } from '@lifecycle/domain';

interface Node {
  key: RankKey;
  priority: number;
  size: number;
  left: Node | null;
  right: Node | null;
}

const sizeOf = (node: Node | null): number => (node === null ? 0 : node.size);
const update = (node: Node): Node => {
  node.size = 1 + sizeOf(node.left) + sizeOf(node.right);
  return node;
};

/** Splits into keys ordered before `key` (or equal, when `inclusive`) and the rest. */
function split(node: Node | null, key: RankKey, inclusive: boolean): [Node | null, Node | null] {
  if (node === null) return [null, null];
  const c = compareRank(node.key, key);
  if (c < 0 || (inclusive && c === 0)) {
    const [l, r] = split(node.right, key, inclusive);
    node.right = l;
    return [update(node), r];
  }
  const [l, r] = split(node.left, key, inclusive);
  node.left = r;
  return [l, update(node)];
}

function merge(a: Node | null, b: Node | null): Node | null {
  if (a === null) return b;
  if (b === null) return a;
  if (a.priority > b.priority) {
    a.right = merge(a.right, b);
    return update(a);
  }
  b.left = merge(a, b.left);
  return update(b);
}

/**
 * The ranking (net12 desc, customerId asc) as an order-statistic treap: insert, remove, the key
 * at a rank and the keys of a range in O(log n) each (plus the range's length). Priorities come
 * from a fixed-seed generator, so a run is reproducible.
 */
export class RankTree {
  private root: Node | null = null;
  private seed = 0x9e3779b9;

  get size(): number {
    return sizeOf(this.root);
  }

  insert(key: RankKey): void {
    const [l, r] = split(this.root, key, false);
    const node: Node = { key, priority: this.random(), size: 1, left: null, right: null };
    this.root = merge(merge(l, node), r);
  }

  remove(key: RankKey): void {
    const [l, rest] = split(this.root, key, false);
    const [, r] = split(rest, key, true);
    this.root = merge(l, r);
  }

  /** The key at a 1-based rank, or undefined beyond the size. */
  at(rank: number): RankKey | undefined {
    let node = this.root;
    let k = rank;
    while (node !== null) {
      const left = sizeOf(node.left);
      if (k <= left) node = node.left;
      else if (k === left + 1) return node.key;
      else {
        k -= left + 1;
        node = node.right;
      }
    }
    return undefined;
  }

  /** Keys after `after` (exclusive; null = from the top) up to `until` (inclusive), in rank order. */
  range(after: RankKey | null, until: RankKey): RankKey[] {
    const out: RankKey[] = [];
    const walk = (node: Node | null): void => {
      if (node === null) return;
      const afterLow = after === null || compareRank(node.key, after) > 0;
      const beforeHigh = compareRank(node.key, until) <= 0;
      if (afterLow) walk(node.left);
      if (afterLow && beforeHigh) out.push(node.key);
      if (beforeHigh) walk(node.right);
    };
    walk(this.root);
    return out;
  }

  private random(): number {
    // xorshift32
    let x = this.seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.seed = x >>> 0;
    return this.seed;
  }
}
