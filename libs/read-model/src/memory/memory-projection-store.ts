import { type Cutoffs, type RankKey } from '@lifecycle/domain';
import type { CustomerRecord, ProjectionMeta, ProjectionStore, ProjectionWrite, StoredTransition } from '../read-model.port.js';
import type { RebuildSink } from '../rebuild-sink.port.js';
import { DueHeap, type DueEntry } from './due-heap.js';
import { footprint } from './memory-footprint.js';
import { RankTree } from './rank-tree.js';

/** What every customer keeps in memory, resident or not: its place in the due set and the ranking. */
interface IndexEntry {
  dueAt: number | null;
  net12: number;
  /** Estimated bytes while resident, 0 once evicted. */
  bytes: number;
}

export interface MemoryProjectionStoreOptions {
  /** Where flushes go; it also serves the customers evicted by an earlier flush. */
  sink: RebuildSink;
  /** The target's meta at the start (checkpoint null: the target holds no customer). */
  meta: ProjectionMeta;
  /** Past this estimate a flush writes the changed customers and evicts them all. */
  budgetBytes: number;
  /** Transitions buffered before they are written on their own (customers stay resident). */
  transitionBatch?: number;
}

export interface MemoryProjectionStore extends ProjectionStore {
  /** Estimated bytes held: resident customers, buffered transitions, index entries. */
  readonly estimatedBytes: number;
  readonly stats: { flushes: number; evictions: number; reloads: number; customersWritten: number; transitionsWritten: number };
  /** Writes what a budget or a full transition buffer calls for; call between batches only. */
  flushIfDue(): Promise<void>;
  /** Writes everything left, then the meta, indexes and the durable finish. */
  finish(): Promise<ProjectionMeta>;
}

const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A ProjectionStore in memory for a rebuild from position 0, as a write-back cache over the
 * target: commits land here (customer records, a due heap by nextDueAt, an order-statistic
 * ranking); flushes write each changed customer once, transitions in large batches. After an
 * eviction a customer keeps only its index entry and is re-read from the target when touched.
 * Records are handed out and kept by reference: the projector replaces a record on every change.
 */
export function createMemoryProjectionStore(options: MemoryProjectionStoreOptions): MemoryProjectionStore {
  const { sink, budgetBytes } = options;
  const transitionBatch = options.transitionBatch ?? 100_000;
  const meta: ProjectionMeta = { ...options.meta };
  const index = new Map<string, IndexEntry>();
  const resident = new Map<string, CustomerRecord>();
  const changed = new Set<string>();
  const dirty = new Set<string>();
  const due = new DueHeap();
  const rank = new RankTree();
  let transitions: StoredTransition[] = [];
  let cutoffs = new Map<string, Cutoffs>();
  let residentBytes = 0;
  const stats = { flushes: 0, evictions: 0, reloads: 0, customersWritten: 0, transitionsWritten: 0 };

  const estimate = (): number => residentBytes + transitions.length * footprint.transition + index.size * footprint.indexEntry;

  /** Records of known customers, re-reading the evicted ones from the target. */
  const resolve = async (ids: string[]): Promise<Map<string, CustomerRecord>> => {
    const found = new Map<string, CustomerRecord>();
    const missing: string[] = [];
    for (const id of ids) {
      const record = resident.get(id);
      if (record) found.set(id, record);
      else if (index.has(id)) missing.push(id);
    }
    if (missing.length === 0) return found;
    const loaded = await sink.getCustomers(missing);
    for (const id of missing) {
      const record = loaded.get(id);
      if (!record) throw new Error(`customer ${id} was flushed but the target does not hold it`);
      record.tierDirty = dirty.has(id);
      resident.set(id, record);
      const entry = index.get(id) as IndexEntry;
      entry.bytes = footprint.customer(record.state);
      residentBytes += entry.bytes;
      found.set(id, record);
    }
    stats.reloads += missing.length;
    // In the order asked for, as the SQL stores return them.
    return missing.length === ids.length ? found : new Map(ids.filter((id) => found.has(id)).map((id) => [id, found.get(id) as CustomerRecord]));
  };

  const put = (record: CustomerRecord): void => {
    const id = record.state.customerId;
    const net12 = record.state.evaluation.net12;
    const dueAt = record.state.nextDueAt;
    const bytes = footprint.customer(record.state);
    const entry = index.get(id);
    if (entry === undefined) {
      index.set(id, { dueAt, net12, bytes });
      if (net12 > 0) rank.insert({ net12, customerId: id });
      if (dueAt !== null) due.push({ dueAt, customerId: id });
    } else {
      if (entry.net12 !== net12) {
        if (entry.net12 > 0) rank.remove({ net12: entry.net12, customerId: id });
        if (net12 > 0) rank.insert({ net12, customerId: id });
        entry.net12 = net12;
      }
      if (entry.dueAt !== dueAt) {
        if (dueAt !== null) due.push({ dueAt, customerId: id });
        entry.dueAt = dueAt;
      }
      residentBytes -= entry.bytes;
      entry.bytes = bytes;
    }
    residentBytes += bytes;
    resident.set(id, record);
    changed.add(id);
    if (record.tierDirty) dirty.add(id);
    else dirty.delete(id);
  };

  const isCurrent = (entry: DueEntry): boolean => index.get(entry.customerId)?.dueAt === entry.dueAt;

  const compactDue = (): void => {
    if (due.length <= 2 * index.size + 1024) return;
    const seen = new Set<string>();
    due.compact((entry) => isCurrent(entry) && !seen.has(entry.customerId) && seen.add(entry.customerId) !== undefined);
  };

  const flush = async (evict: boolean): Promise<void> => {
    const customers = evict ? [...changed].map((id) => resident.get(id) as CustomerRecord) : [];
    const batch = { customers, transitions, cutoffs: [...cutoffs].map(([date, c]) => ({ date, cutoffs: c })) };
    transitions = [];
    cutoffs = new Map();
    await sink.write(batch);
    stats.flushes += 1;
    stats.customersWritten += customers.length;
    stats.transitionsWritten += batch.transitions.length;
    if (!evict) return;
    changed.clear();
    resident.clear();
    for (const entry of index.values()) entry.bytes = 0;
    residentBytes = 0;
    stats.evictions += 1;
  };

  return {
    get estimatedBytes() {
      return estimate();
    },
    stats,
    loadMeta: async () => ({ ...meta }),
    getCustomers: (ids) => resolve(ids),
    dueCustomers: async (asOf) => {
      const ids = new Set<string>();
      const kept: DueEntry[] = [];
      for (let top = due.peek(); top !== undefined && top.dueAt <= asOf; top = due.peek()) {
        const entry = due.pop() as DueEntry;
        if (!isCurrent(entry) || ids.has(entry.customerId)) continue;
        ids.add(entry.customerId);
        kept.push(entry);
      }
      // Still due until a commit moves their nextDueAt.
      for (const entry of kept) due.push(entry);
      compactDue();
      return [...(await resolve([...ids].sort(ordinal))).values()];
    },
    tierDirtyIds: async () => [...dirty],
    populationSize: async () => rank.size,
    keyAtRank: async (r) => {
      const key = rank.at(r);
      if (key === undefined) throw new RangeError(`no rank ${r} in a population of ${rank.size}`);
      return { ...key };
    },
    rankRange: async (after: RankKey | null, until: RankKey) =>
      [...(await resolve(rank.range(after, until).map((key) => key.customerId))).values()],
    commit: async (write: ProjectionWrite) => {
      for (const record of write.customers) put(record);
      for (const tr of write.transitions) transitions.push(tr);
      if (write.clearTierDirty && dirty.size > 0) {
        const records = await resolve([...dirty]);
        for (const record of records.values()) put({ ...record, tierDirty: false });
        dirty.clear();
      }
      if (write.cutoffs) cutoffs.set(write.cutoffs.date, write.cutoffs.cutoffs);
      if (write.meta) Object.assign(meta, write.meta);
    },
    unitOfWork: (work) => work(),
    flushIfDue: async () => {
      if (estimate() > budgetBytes) await flush(true);
      else if (transitions.length >= transitionBatch) await flush(false);
    },
    finish: async () => {
      await flush(true);
      await sink.finish({ ...meta });
      return { ...meta };
    },
  };
}
