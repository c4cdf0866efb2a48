import type Database from 'better-sqlite3';
import type { CustomerRecord } from '../read-model.port.js';
import type { RebuildSink, RebuildSinkOptions } from '../rebuild-sink.port.js';
import { CUSTOMER_COLUMNS, type CustomerRow, customerRowParams, toCustomerRecord } from './customer-row.js';
import { metaRows } from './meta-row.js';
import { WRITER_PRAGMAS } from './sqlite-connections.js';
import { INSERT_TRANSITION_SQL, UPSERT_CUSTOMER_SQL } from './projection-statements.js';
import { INDEXES_SQL, migrateTransitionFeed } from './sqlite-schema.js';
import { transitionRowValues } from './transition-row.js';

/** Page cache while loading (negative: KiB); measured as fast as the writer's 256 MiB, at 200 MiB less RSS on the bench's full log. */
const LOAD_CACHE_KIB = -65536;
const WRITER_CACHE_KIB = Number(/cache_size = (-?\d+)/.exec(WRITER_PRAGMAS.join(';'))?.[1] ?? -2000);

/** The secondary indexes (INDEXES_SQL's and the feed's), dropped for the load and built after the data. */
const SECONDARY_INDEXES = [...[...INDEXES_SQL.matchAll(/CREATE INDEX IF NOT EXISTS (\w+)/g)].map((m) => m[1]), 'transitions_feed'];

/**
 * Bulk load of a fresh read-model file (a rebuild): the secondary indexes are dropped while the
 * data goes in and built once at the end. Unsafe mode adds synchronous=OFF; the journal stays WAL
 * because the version's query connection is open (leaving WAL needs the only connection), and a
 * checkpoint at the finish folds it back into the file. The finish syncs to disk (synchronous=FULL
 * for the checkpoint) and restores synchronous=NORMAL before the version can be switched to.
 */
export function createSqliteBulkLoad(writer: Database.Database, options: RebuildSinkOptions): RebuildSink {
  const getCustomer = writer.prepare(`SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE customer_id = ?`).safeIntegers(true);
  const upsert = writer.prepare(UPSERT_CUSTOMER_SQL);
  const insertTransition = writer.prepare(INSERT_TRANSITION_SQL);
  const upsertCutoffs = writer.prepare('INSERT OR REPLACE INTO cutoffs (date, cutoffs) VALUES (?, ?)');
  const setMeta = writer.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  const count = (table: string): number => writer.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

  const write = writer.transaction((batch: Parameters<RebuildSink['write']>[0]) => {
    for (const record of batch.customers) upsert.run(customerRowParams(record));
    // The transitions of one step share their snapshot object: serialised once.
    let snapshot: unknown = undefined;
    let snapshotJson: string | null = null;
    for (const tr of batch.transitions) {
      if (tr.snapshot !== snapshot) {
        snapshot = tr.snapshot;
        snapshotJson = tr.snapshot ? JSON.stringify(tr.snapshot) : null;
      }
      insertTransition.run(...transitionRowValues(tr, snapshotJson));
    }
    for (const { date, cutoffs } of batch.cutoffs) upsertCutoffs.run(date, JSON.stringify(cutoffs));
  });

  return {
    begin: async () => {
      if (count('customers') > 0 || count('transitions') > 0) return false;
      for (const name of SECONDARY_INDEXES) writer.exec(`DROP INDEX IF EXISTS ${name}`);
      if (options.unsafe) writer.pragma('synchronous = OFF');
      // Every page is written once and the indexes come last: a big cache only raises the peak RSS.
      writer.pragma(`cache_size = ${LOAD_CACHE_KIB}`);
      return true;
    },
    write: async (batch) => {
      write(batch);
    },
    getCustomers: async (ids) => {
      const found = new Map<string, CustomerRecord>();
      for (const id of ids) {
        const row = getCustomer.get(id) as CustomerRow | undefined;
        if (row) found.set(id, toCustomerRecord(row));
      }
      return found;
    },
    finish: async (meta) => {
      writer.exec(INDEXES_SQL);
      migrateTransitionFeed(writer);
      // A key a live projection never wrote is absent, which reads as null: nulls are left out.
      const rows = metaRows(meta).filter((row) => row.value !== null);
      writer.transaction(() => {
        for (const { key, value } of rows) setMeta.run(key, value);
      }).immediate();
      writer.pragma('synchronous = FULL');
      writer.pragma('wal_checkpoint(TRUNCATE)');
      writer.pragma('synchronous = NORMAL');
      writer.pragma(`cache_size = ${WRITER_CACHE_KIB}`);
    },
  };
}
