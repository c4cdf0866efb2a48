export const schema = (p: string): string => `
CREATE TABLE IF NOT EXISTS ${p}customers (
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
CREATE INDEX IF NOT EXISTS ${p}customers_due ON ${p}customers(next_due_at) WHERE next_due_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS ${p}customers_rank ON ${p}customers(net12 DESC, customer_id) WHERE net12 > 0;
CREATE INDEX IF NOT EXISTS ${p}customers_status ON ${p}customers(status, customer_id);
CREATE INDEX IF NOT EXISTS ${p}customers_loyalty ON ${p}customers(loyalty_level, customer_id);
CREATE INDEX IF NOT EXISTS ${p}customers_tier ON ${p}customers(value_tier, customer_id);
CREATE INDEX IF NOT EXISTS ${p}customers_dirty ON ${p}customers(customer_id) WHERE tier_dirty = 1;
CREATE TABLE IF NOT EXISTS ${p}transitions (
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
CREATE INDEX IF NOT EXISTS ${p}transitions_customer ON ${p}transitions(customer_id, seq);
-- Daily statistics by instant; covering, so they never read the table.
CREATE INDEX IF NOT EXISTS ${p}transitions_t ON ${p}transitions(t, field, from_value, to_value, reactivation);
CREATE TABLE IF NOT EXISTS ${p}cutoffs (date TEXT PRIMARY KEY, cutoffs TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ${p}meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
`;
