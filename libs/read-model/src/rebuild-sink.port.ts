import type { Cutoffs } from '@lifecycle/domain';
import type { CustomerRecord, ProjectionMeta, StoredTransition } from './read-model.port.js';

/** One flush of a rebuild: customers (each once), transitions in commit order, cutoffs by date. */
export interface RebuildBatch {
  customers: CustomerRecord[];
  transitions: StoredTransition[];
  cutoffs: Array<{ date: string; cutoffs: Cutoffs }>;
}

export interface RebuildSinkOptions {
  /**
   * Fast settings that a crash may leave corrupt (SQLite synchronous=OFF; MongoDB unordered
   * inserts without majority acknowledgement). Only for a fresh projection version, which a crash
   * throws away; `finish` makes everything durable before the version can be switched to.
   */
  unsafe: boolean;
}

/**
 * The bulk-load side of a read model, for a rebuild that folds in memory: it writes each customer
 * once per flush instead of once per batch, transitions in large batches, and builds the
 * secondary indexes after the data.
 */
export interface RebuildSink {
  /** Prepares the read model for loading; false (and nothing changed) when it already holds customers. */
  begin(): Promise<boolean>;
  /** Writes customers (replacing the copies of an earlier flush), appends the transitions in order, stores the cutoffs. */
  write(batch: RebuildBatch): Promise<void>;
  /** Customers written by an earlier flush (re-read after their eviction from memory). */
  getCustomers(ids: string[]): Promise<Map<string, CustomerRecord>>;
  /** Stores the meta (the checkpoint last), builds the indexes, makes everything durable and restores the safe settings. */
  finish(meta: ProjectionMeta): Promise<void>;
}

/** A read model that can be bulk-loaded (SQLite, MongoDB); other stores are loaded through commit. */
export interface BulkLoadable {
  rebuildSink(options: RebuildSinkOptions): RebuildSink;
}

export const isBulkLoadable = (store: object): store is BulkLoadable =>
  typeof (store as Partial<BulkLoadable>).rebuildSink === 'function';
