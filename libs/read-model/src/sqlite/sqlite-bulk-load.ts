import type Database from 'better-sqlite3';
import type { CustomerState } from '@lifecycle/domain';
import type { CustomerRecord, StoredTransition } from '../read-model.port.js';
import type { RebuildSink, RebuildSinkOptions } from '../rebuild-sink.port.js';
import { schema } from './schema.js';
import { migrateTransitionFeed } from './transition-feed-sql.js';

/** The secondary indexes of schema.ts and transition-feed-sql.ts, built after the data. */
const SECONDARY_INDEXES = [
  'customers_due', 'customers_rank', 'customers_status', 'customers_loyalty', 'customers_tier', 'customers_dirty',
  'transitions_customer', 'transitions_t', 'transitions_feed',
];

/**
 * Bulk load of a fresh read-model file (a rebuild): the secondary indexes are dropped while the
 * data goes in and built once at the end. Unsafe mode adds synchronous=OFF; the journal stays WAL
 * because the version's query connection is open (leaving WAL needs the only connection), which
 * a checkpoint at the finish folds back into the file. The finish syncs to disk (synchronous=FULL
 * for the checkpoint) and restores synchronous=NORMAL before the version can be switched to.
 */
export function createSqliteBulkLoad(writer: Database.Database, p: string, options: RebuildSinkOptions): RebuildSink {
  const getCustomer = writer.prepare(`SELECT state, last_position, tier_dirty FROM ${p}customers WHERE customer_id = ?`).safeIntegers(true);
  const upsert = writer.prepare(`INSERT INTO ${p}customers (customer_id, status, loyalty_level, value_tier, net12, next_due_at, last_position, tier_dirty, state)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(customer_id) DO UPDATE SET status = excluded.status, loyalty_level = excluded.loyalty_level,
      value_tier = excluded.value_tier, net12 = excluded.net12, next_due_at = excluded.next_due_at,
      last_position = excluded.last_position, tier_dirty = excluded.tier_dirty, state = excluded.state`);
  const insertTransition = writer.prepare(`INSERT INTO ${p}transitions (position, customer_id, field, from_value, to_value, t, cause_event_id, cause_date, reactivation, snapshot)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const upsertCutoffs = writer.prepare(`INSERT OR REPLACE INTO ${p}cutoffs (date, cutoffs) VALUES (?, ?)`);
  const setMeta = writer.prepare(`INSERT OR REPLACE INTO ${p}meta (key, value) VALUES (?, ?)`);
  const count = (table: string): number => writer.prepare(`SELECT count(*) FROM ${p}${table}`).pluck().get() as number;

  const write = writer.transaction((batch: Parameters<RebuildSink['write']>[0]) => {
    for (const { state, lastPosition, tierDirty } of batch.customers) {
      upsert.run(state.customerId, state.status, state.loyaltyLevel, state.valueTier, state.evaluation.net12, state.nextDueAt,
        lastPosition, tierDirty ? 1 : 0, JSON.stringify(state));
    }
    // The transitions of one step share their snapshot object: serialised once.
    let snapshot: StoredTransition['snapshot'];
    let snapshotJson: string | null = null;
    for (const tr of batch.transitions) {
      const cause = tr.cause as { eventId?: string; dayEnded?: string };
      if (tr.snapshot !== snapshot) {
        snapshot = tr.snapshot;
        snapshotJson = snapshot ? JSON.stringify(snapshot) : null;
      }
      insertTransition.run(tr.position, tr.customerId, tr.field, tr.from, tr.to, tr.t, cause.eventId ?? null, cause.dayEnded ?? null,
        tr.reactivation ? 1 : 0, snapshotJson);
    }
    for (const { date, cutoffs } of batch.cutoffs) upsertCutoffs.run(date, JSON.stringify(cutoffs));
  });

  return {
    begin: async () => {
      if (count('customers') > 0 || count('transitions') > 0) return false;
      for (const name of SECONDARY_INDEXES) writer.exec(`DROP INDEX IF EXISTS ${p}${name}`);
      if (options.unsafe) writer.pragma('synchronous = OFF');
      return true;
    },
    write: async (batch) => {
      write(batch);
    },
    getCustomers: async (ids) => {
      const found = new Map<string, CustomerRecord>();
      for (const id of ids) {
        const row = getCustomer.get(id) as { state: string; last_position: bigint; tier_dirty: bigint } | undefined;
        if (row) found.set(id, { state: JSON.parse(row.state) as CustomerState, lastPosition: row.last_position, tierDirty: row.tier_dirty === 1n });
      }
      return found;
    },
    finish: async (meta) => {
      writer.exec(schema(p));
      migrateTransitionFeed(writer, p);
      writer.transaction(() => {
        for (const [key, value] of Object.entries(meta)) {
          // An absent key reads as null, as a key a live projection never wrote.
          if (value === null) continue;
          setMeta.run(key, value === null ? null : typeof value === 'object' ? JSON.stringify(value) : String(value));
        }
      }).immediate();
      writer.pragma('synchronous = FULL');
      writer.pragma('wal_checkpoint(TRUNCATE)');
      writer.pragma('synchronous = NORMAL');
    },
  };
}
