/** An entry of the due set: a customer and the nextDueAt it had when pushed. */
export interface DueEntry {
  dueAt: number;
  customerId: string;
}

/**
 * The due set as a binary min-heap by nextDueAt with lazy deletion: a customer's entry is pushed
 * whenever its nextDueAt changes, and an entry that no longer matches is dropped when it surfaces.
 */
export class DueHeap {
  private readonly items: DueEntry[] = [];

  get length(): number {
    return this.items.length;
  }

  push(entry: DueEntry): void {
    const a = this.items;
    a.push(entry);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent].dueAt <= entry.dueAt) break;
      a[i] = a[parent];
      i = parent;
    }
    a[i] = entry;
  }

  peek(): DueEntry | undefined {
    return this.items[0];
  }

  pop(): DueEntry | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const child = r < a.length && a[r].dueAt < a[l].dueAt ? r : l;
      if (a[child].dueAt >= last.dueAt) break;
      a[i] = a[child];
      i = child;
    }
    a[i] = last;
    return top;
  }

  /** Rebuilds the heap from the entries `keep` accepts (drops the stale ones). */
  compact(keep: (entry: DueEntry) => boolean): void {
    const live = this.items.filter(keep);
    this.items.length = 0;
    for (const entry of live) this.push(entry);
  }
}
