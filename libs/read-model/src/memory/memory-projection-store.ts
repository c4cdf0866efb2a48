import type { Cutoffs, RankKey } from '@lifecycle/domain';
import type { CustomerRecord, ProjectionMeta, ProjectionStore, ProjectionWrite, StoredTransition } from '../read-model.port.js';
import type { RebuildSink } from '../rebuild-sink.port.js';
import { DueCalendar } from './due-calendar.js';
import { footprint } from './memory-footprint.js';
import { RankTree } from './rank-tree.js';

/** What every customer keeps in memory, resident or not: its place in the due set and the ranking, and its record while resident. */
interface Entry {
  dueAt: number | null;
  net12: number;
  /** null once evicted (the target holds it). */
  record: CustomerRecord | null;
  /** Estimated bytes while resident. */
  bytes: number;
  /** Changed since the last flush of customers. */
  changed: boolean;
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
 * target: commits land here (customer records, a due calendar by nextDueAt, an order-statistic
 * ranking); flushes write each changed customer once, transitions in large batches. After an
 * eviction a customer keeps only its entry and is re-read from the target when touched.
 * Records are handed out and kept by reference: the projector replaces a record on every change.
 */
export function createMemoryProjectionStore(options: MemoryProjectionStoreOptions): MemoryProjectionStore {
  const { sink, budgetBytes } = options;
  const transitionBatch = options.transitionBatch ?? 100_000;
  const meta: ProjectionMeta = { ...options.meta };
  const entries = new Map<string, Entry>();
  let changed: Entry[] = [];
  const dirty = new Set<string>();
  const due = new DueCalendar();
  const rank = new RankTree();
  let transitions: StoredTransition[] = [];
  let cutoffs = new Map<string, Cutoffs>();
  let residentBytes = 0;
  const stats = { flushes: 0, evictions: 0, reloads: 0, customersWritten: 0, transitionsWritten: 0 };

  const estimate = (): number => residentBytes + transitions.length * footprint.transition + entries.size * footprint.indexEntry;

  /** Records of known customers in the order asked for, re-reading the evicted ones from the target. */
  const resolve = async (ids: string[]): Promise<CustomerRecord[]> => {
    let missing: string[] | null = null;
    for (const id of ids) {
      const entry = entries.get(id);
      if (entry && entry.record === null) (missing ??= []).push(id);
    }
    if (missing !== null) {
      const loaded = await sink.getCustomers(missing);
      for (const id of missing) {
        const record = loaded.get(id);
        if (!record) throw new Error(`customer ${id} was flushed but the target does not hold it`);
        record.tierDirty = dirty.has(id);
        const entry = entries.get(id) as Entry;
        entry.record = record;
        entry.bytes = footprint.customer(record.state);
        residentBytes += entry.bytes;
      }
      stats.reloads += missing.length;
    }
    const records: CustomerRecord[] = [];
    for (const id of ids) {
      const record = entries.get(id)?.record;
      if (record) records.push(record);
    }
    return records;
  };

  const put = (record: CustomerRecord): void => {
    const id = record.state.customerId;
    const net12 = record.state.evaluation.net12;
    const dueAt = record.state.nextDueAt;
    const bytes = footprint.customer(record.state);
    let entry = entries.get(id);
    if (entry === undefined) {
      entry = { dueAt, net12, record, bytes, changed: true };
      entries.set(id, entry);
      changed.push(entry);
      if (net12 > 0) rank.insert({ net12, customerId: id });
      if (dueAt !== null) due.move(id, null, dueAt);
    } else {
      if (entry.net12 !== net12) {
        if (entry.net12 > 0) rank.remove({ net12: entry.net12, customerId: id });
        if (net12 > 0) rank.insert({ net12, customerId: id });
        entry.net12 = net12;
      }
      if (entry.dueAt !== dueAt) {
        due.move(id, entry.dueAt, dueAt);
        entry.dueAt = dueAt;
      }
      if (!entry.changed) {
        entry.changed = true;
        changed.push(entry);
      }
      residentBytes -= entry.bytes;
      entry.record = record;
      entry.bytes = bytes;
    }
    residentBytes += bytes;
    if (record.tierDirty) dirty.add(id);
    else if (dirty.size > 0) dirty.delete(id);
  };

  const flush = async (evict: boolean): Promise<void> => {
    const customers = evict ? changed.map((entry) => entry.record as CustomerRecord) : [];
    const batch = { customers, transitions, cutoffs: [...cutoffs].map(([date, c]) => ({ date, cutoffs: c })) };
    transitions = [];
    cutoffs = new Map();
    await sink.write(batch);
    stats.flushes += 1;
    stats.customersWritten += customers.length;
    stats.transitionsWritten += batch.transitions.length;
    if (!evict) return;
    changed = [];
    for (const entry of entries.values()) {
      entry.record = null;
      entry.bytes = 0;
      entry.changed = false;
    }
    residentBytes = 0;
    stats.evictions += 1;
  };

  return {
    get estimatedBytes() {
      return estimate();
    },
    stats,
    loadMeta: async () => ({ ...meta }),
    getCustomers: async (ids) => new Map((await resolve(ids)).map((record) => [record.state.customerId, record])),
    dueCustomers: (asOf) => resolve(due.dueAt(asOf, (id) => entries.get(id)?.dueAt ?? null).sort(ordinal)),
    tierDirtyIds: async () => [...dirty],
    populationSize: async () => rank.size,
    keyAtRank: async (r) => {
      const key = rank.at(r);
      if (key === undefined) throw new RangeError(`no rank ${r} in a population of ${rank.size}`);
      return { ...key };
    },
    rankRange: async (after: RankKey | null, until: RankKey) => resolve(rank.range(after, until).map((key) => key.customerId)),
    commit: async (write: ProjectionWrite) => {
      for (const record of write.customers) put(record);
      for (const tr of write.transitions) transitions.push(tr);
      if (write.clearTierDirty && dirty.size > 0) {
        for (const record of await resolve([...dirty])) put({ ...record, tierDirty: false });
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
