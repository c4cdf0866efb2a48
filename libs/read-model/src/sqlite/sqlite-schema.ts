import type Database from 'better-sqlite3';
import { FIELD_RANK_SQL } from './transition-feed-sql.js';

/** The tables of a read-model file. The transitions' snapshot column comes from the migration. */
export const TABLES_SQL = `
CREATE TABLE IF NOT EXISTS customers (
  customer_id TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  loyalty_level TEXT NOT NULL,
  value_tier TEXT NOT NULL,
  net12 INTEGER NOT NULL,
  next_due_at INTEGER,
  last_position INTEGER NOT NULL,
  tier_dirty INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS transitions (
  seq INTEGER PRIMARY KEY,
  position INTEGER NOT NULL,
  customer_id TEXT NOT NULL,
  field TEXT NOT NULL,
  from_value TEXT,
  to_value TEXT NOT NULL,
  t INTEGER NOT NULL,
  cause_event_id TEXT,
  cause_date TEXT,
  reactivation INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS cutoffs (date TEXT PRIMARY KEY, cutoffs TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
`;

/** The secondary indexes of the customers and transitions tables (the feed's index comes from the migration). */
export const INDEXES_SQL = `
CREATE INDEX IF NOT EXISTS customers_due ON customers(next_due_at) WHERE next_due_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS customers_rank ON customers(net12 DESC, customer_id) WHERE net12 > 0;
CREATE INDEX IF NOT EXISTS customers_status ON customers(status, customer_id);
CREATE INDEX IF NOT EXISTS customers_loyalty ON customers(loyalty_level, customer_id);
CREATE INDEX IF NOT EXISTS customers_tier ON customers(value_tier, customer_id);
CREATE INDEX IF NOT EXISTS customers_dirty ON customers(customer_id) WHERE tier_dirty = 1;
CREATE INDEX IF NOT EXISTS transitions_customer ON transitions(customer_id, seq);
-- Daily statistics by instant; covering, so they never read the table.
CREATE INDEX IF NOT EXISTS transitions_t ON transitions(t, field, from_value, to_value, reactivation);
`;

/** The schema as the builds before the integration feed wrote it (what the migration starts from). */
export const SCHEMA_SQL = TABLES_SQL + INDEXES_SQL;

/**
 * Adds what the integration feed needs to a transitions table, old files included: the snapshot
 * column (NULL on rows stored before it existed) and the index in log order across customers.
 */
export function migrateTransitionFeed(db: Database.Database): void {
  // Under the write lock, so two processes opening the same file at once cannot both add the column.
  db.transaction(() => {
    const columns = (db.prepare('PRAGMA table_info(transitions)').all() as Array<{ name: string }>).map((c) => c.name);
    if (!columns.includes('snapshot')) db.exec('ALTER TABLE transitions ADD COLUMN snapshot TEXT');
    db.exec(`CREATE INDEX IF NOT EXISTS transitions_feed ON transitions(position, ${FIELD_RANK_SQL}, customer_id)`);
  }).immediate();
}

/** Creates what is missing of the schema and migrates an older file. */
export function applySchema(db: Database.Database): void {
  db.exec(SCHEMA_SQL);
  migrateTransitionFeed(db);
}
