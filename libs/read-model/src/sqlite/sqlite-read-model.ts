import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type CustomerState, type Cutoffs, type RankKey, toProfile } from '@lifecycle/domain';
import type {
  CustomerFilter, CustomerRecord, ProjectionMeta, ProjectionWrite, ReadModelStore, SegmentCounts, StoredTransition,
} from '../read-model.port.js';
import type { BulkLoadable } from '../rebuild-sink.port.js';
import { decodeSequenceCursor, decodeStringCursor, encodeCursor } from '../cursor.js';
import { schema } from './schema.js';
import { createSqliteBulkLoad } from './sqlite-bulk-load.js';
import { sqliteStatsQueries } from './stats-queries.js';
import { migrateTransitionFeed, transitionsAfterSql } from './transition-feed-sql.js';

interface CustomerRow {
  customer_id: string;
  state: string;
  last_position: number | bigint;
  tier_dirty: number;
}

/** Read with safeIntegers, so that positions beyond 2^53 stay exact: every integer column is a bigint. */
interface TransitionRow {
  seq: bigint;
  position: bigint;
  customer_id: string;
  field: string;
  from_value: string | null;
  to_value: string;
  t: bigint;
  cause_event_id: string | null;
  cause_date: string | null;
  reactivation: bigint;
  snapshot: string | null;
}

export interface SqliteReadModelOptions {
  file: string;
  /** Table name prefix: one projection version per prefix. */
  tablePrefix?: string;
}

/** The embedded read model: one SQLite file (WAL); each commit is one transaction carrying its checkpoint. */
export function createSqliteReadModel(options: SqliteReadModelOptions): ReadModelStore & BulkLoadable {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const writer = new Database(options.file);
  writer.pragma('journal_mode = WAL');
  writer.pragma('synchronous = NORMAL');
  writer.pragma('cache_size = -262144');
  writer.pragma('temp_store = MEMORY');
  writer.pragma('wal_autocheckpoint = 10000');
  const p = options.tablePrefix ?? '';
  writer.exec(schema(p));
  migrateTransitionFeed(writer, p);
  // Queries read through their own connection, so they never see a projection batch before it commits.
  const db = options.file === ':memory:' ? writer : new Database(options.file);
  db.pragma('cache_size = -65536');

  const cols = 'customer_id, state, last_position, tier_dirty';
  const s = {
    getCustomer: writer.prepare(`SELECT ${cols} FROM ${p}customers WHERE customer_id = ?`),
    due: writer.prepare(`SELECT ${cols} FROM ${p}customers WHERE next_due_at IS NOT NULL AND next_due_at <= ? ORDER BY customer_id`),
    dirtyIds: writer.prepare(`SELECT customer_id FROM ${p}customers WHERE tier_dirty = 1`).pluck(),
    clearDirty: writer.prepare(`UPDATE ${p}customers SET tier_dirty = 0 WHERE tier_dirty = 1`),
    population: writer.prepare(`SELECT count(*) AS n FROM ${p}customers WHERE net12 > 0`),
    keyAtRank: writer.prepare(`SELECT net12, customer_id FROM ${p}customers WHERE net12 > 0 ORDER BY net12 DESC, customer_id LIMIT 1 OFFSET ?`),
    rangeFromTop: writer.prepare(`SELECT ${cols} FROM ${p}customers WHERE net12 > 0
      AND (net12 > @un OR (net12 = @un AND customer_id <= @uid)) ORDER BY net12 DESC, customer_id`),
    range: writer.prepare(`SELECT ${cols} FROM ${p}customers WHERE net12 > 0
      AND (net12 < @an OR (net12 = @an AND customer_id > @aid))
      AND (net12 > @un OR (net12 = @un AND customer_id <= @uid)) ORDER BY net12 DESC, customer_id`),
    upsert: writer.prepare(`INSERT INTO ${p}customers (customer_id, status, loyalty_level, value_tier, net12, next_due_at, last_position, tier_dirty, state)
      VALUES (@id, @status, @level, @tier, @net12, @due, @pos, @dirty, @state)
      ON CONFLICT(customer_id) DO UPDATE SET status = excluded.status, loyalty_level = excluded.loyalty_level,
        value_tier = excluded.value_tier, net12 = excluded.net12, next_due_at = excluded.next_due_at,
        last_position = excluded.last_position, tier_dirty = excluded.tier_dirty, state = excluded.state`),
    insertTransition: writer.prepare(`INSERT INTO ${p}transitions (position, customer_id, field, from_value, to_value, t, cause_event_id, cause_date, reactivation, snapshot)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    upsertCutoffs: writer.prepare(`INSERT OR REPLACE INTO ${p}cutoffs (date, cutoffs) VALUES (?, ?)`),
    readCustomer: db.prepare(`SELECT ${cols} FROM ${p}customers WHERE customer_id = ?`),
    readMeta: db.prepare(`SELECT key, value FROM ${p}meta`),
    cutoffsAt: db.prepare(`SELECT cutoffs FROM ${p}cutoffs WHERE date = ?`),
    allCutoffs: db.prepare(`SELECT date, cutoffs FROM ${p}cutoffs ORDER BY date`),
    setMeta: writer.prepare(`INSERT OR REPLACE INTO ${p}meta (key, value) VALUES (?, ?)`),
    transitionsOf: db.prepare(`SELECT * FROM ${p}transitions WHERE customer_id = ? AND seq > ? ORDER BY seq LIMIT ?`),
    transitionsByField: db.prepare(`SELECT field, from_value IS NULL AS initial, count(*) AS n FROM ${p}transitions GROUP BY field, initial`),
    reactivations: db.prepare(`SELECT count(*) AS n FROM ${p}transitions WHERE reactivation = 1`),
    countBy: (column: string) => db.prepare(`SELECT ${column} AS k, count(*) AS n FROM ${p}customers GROUP BY ${column}`),
  };
  s.getCustomer.safeIntegers(true);
  s.readCustomer.safeIntegers(true);
  s.due.safeIntegers(true);
  s.rangeFromTop.safeIntegers(true);
  s.range.safeIntegers(true);
  s.transitionsOf.safeIntegers(true);
  const feedStatements = new Map<string, Database.Statement>();
  const countStatements = {
    status: s.countBy('status'), loyaltyLevel: s.countBy('loyalty_level'), valueTier: s.countBy('value_tier'),
  };

  const toRecord = (row: CustomerRow): CustomerRecord => ({
    state: JSON.parse(row.state) as CustomerState,
    lastPosition: BigInt(row.last_position),
    tierDirty: Number(row.tier_dirty) === 1,
  });

  const loadMeta = (statement = s.readMeta): ProjectionMeta => {
    const values = new Map((statement.all() as Array<{ key: string; value: string }>).map((r) => [r.key, r.value]));
    // A key is absent before its first write, or NULL once written as null.
    const checkpoint = values.get('checkpoint') ?? null;
    const clockAsOf = values.get('clockAsOf') ?? null;
    const cutoffs = values.get('cutoffs') ?? null;
    return {
      checkpoint: checkpoint === null ? null : BigInt(checkpoint),
      clockDate: values.get('clockDate') ?? null,
      clockAsOf: clockAsOf === null ? null : Number(clockAsOf),
      cutoffs: cutoffs === null ? null : (JSON.parse(cutoffs) as Cutoffs),
      rulesVersion: values.get('rulesVersion') ?? null,
    };
  };

  const commit = writer.transaction((write: ProjectionWrite) => {
    for (const { state, lastPosition, tierDirty } of write.customers) {
      s.upsert.run({
        id: state.customerId, status: state.status, level: state.loyaltyLevel, tier: state.valueTier,
        net12: state.evaluation.net12, due: state.nextDueAt, pos: lastPosition, dirty: tierDirty ? 1 : 0,
        state: JSON.stringify(state),
      });
    }
    for (const tr of write.transitions) {
      const cause = tr.cause as { eventId?: string; dayEnded?: string };
      s.insertTransition.run(
        tr.position, tr.customerId, tr.field, tr.from, tr.to, tr.t, cause.eventId ?? null, cause.dayEnded ?? null, tr.reactivation ? 1 : 0,
        tr.snapshot ? JSON.stringify(tr.snapshot) : null,
      );
    }
    if (write.clearTierDirty) s.clearDirty.run();
    if (write.cutoffs) s.upsertCutoffs.run(write.cutoffs.date, JSON.stringify(write.cutoffs.cutoffs));
    for (const [key, value] of Object.entries(write.meta ?? {})) {
      s.setMeta.run(key, value === null ? null : typeof value === 'object' ? JSON.stringify(value) : String(value));
    }
  });

  const profileOf = (state: CustomerState, meta: ProjectionMeta) => toProfile(state, meta.clockAsOf, meta.rulesVersion ?? '');

  const filterSql = (filter: CustomerFilter): { where: string; params: unknown[] } => {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (filter.status) { clauses.push('status = ?'); params.push(filter.status); }
    if (filter.loyaltyLevel) { clauses.push('loyalty_level = ?'); params.push(filter.loyaltyLevel); }
    if (filter.valueTier) { clauses.push('value_tier = ?'); params.push(filter.valueTier); }
    return { where: clauses.join(' AND '), params };
  };

  const toTransition = (row: TransitionRow): StoredTransition => ({
    customerId: row.customer_id,
    field: row.field as StoredTransition['field'],
    from: row.from_value,
    to: row.to_value,
    t: Number(row.t),
    cause: row.cause_event_id !== null ? { eventId: row.cause_event_id } : { dayEnded: row.cause_date as string },
    ...(row.reactivation ? { reactivation: true as const } : {}),
    position: row.position,
  });
  // Only the feed carries the snapshot; a customer's transition history stays as it was.
  const withSnapshot = (row: TransitionRow): StoredTransition =>
    (row.snapshot ? { ...toTransition(row), snapshot: JSON.parse(row.snapshot) as StoredTransition['snapshot'] } : toTransition(row));

  return {
    // Through the reader, like the transitions: a query (the feed, a webhook dispatcher in the
    // projecting process) never sees the checkpoint of a batch before the batch commits.
    loadMeta: async () => loadMeta(),
    getCustomers: async (ids) => {
      const result = new Map<string, CustomerRecord>();
      for (const id of ids) {
        const row = s.getCustomer.get(id) as CustomerRow | undefined;
        if (row) result.set(id, toRecord(row));
      }
      return result;
    },
    dueCustomers: async (asOf) => (s.due.all(asOf) as CustomerRow[]).map(toRecord),
    tierDirtyIds: async () => s.dirtyIds.all() as string[],
    populationSize: async () => (s.population.get() as { n: number }).n,
    keyAtRank: async (rank) => {
      const row = s.keyAtRank.get(rank - 1) as { net12: number; customer_id: string };
      return { net12: row.net12, customerId: row.customer_id };
    },
    rankRange: async (after: RankKey | null, until: RankKey) => {
      const rows = after === null
        ? s.rangeFromTop.all({ un: until.net12, uid: until.customerId })
        : s.range.all({ an: after.net12, aid: after.customerId, un: until.net12, uid: until.customerId });
      return (rows as CustomerRow[]).map(toRecord);
    },
    commit: async (write) => {
      commit(write);
    },
    unitOfWork: async (work) => {
      writer.exec('BEGIN IMMEDIATE');
      try {
        const result = await work();
        writer.exec('COMMIT');
        return result;
      } catch (error) {
        if (writer.inTransaction) writer.exec('ROLLBACK');
        throw error;
      }
    },
    getProfile: async (customerId) => {
      const row = s.readCustomer.get(customerId) as CustomerRow | undefined;
      return row ? profileOf(toRecord(row).state, loadMeta()) : null;
    },
    listProfiles: async (filter, limit, cursor) => {
      const after = decodeStringCursor(cursor);
      const { where, params } = filterSql(filter);
      const clauses = [where, after === null ? '' : 'customer_id > ?'].filter(Boolean).join(' AND ');
      const rows = db
        .prepare(`SELECT ${cols} FROM ${p}customers ${clauses ? `WHERE ${clauses}` : ''} ORDER BY customer_id LIMIT ?`)
        .all(...params, ...(after === null ? [] : [after]), limit + 1) as CustomerRow[];
      const meta = loadMeta();
      const page = rows.slice(0, limit).map((row) => profileOf(JSON.parse(row.state) as CustomerState, meta));
      return { items: page, nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].customerId) : null };
    },
    allProfiles: async function* (batchSize = 5000) {
      const meta = loadMeta();
      const stmt = db.prepare(`SELECT state, customer_id FROM ${p}customers WHERE customer_id > ? ORDER BY customer_id LIMIT ?`);
      let after = '';
      for (;;) {
        const rows = stmt.all(after, batchSize) as CustomerRow[];
        if (rows.length === 0) return;
        after = rows[rows.length - 1].customer_id;
        yield rows.map((row) => profileOf(JSON.parse(row.state) as CustomerState, meta));
      }
    },
    storedCustomers: async function* (batchSize = 5000) {
      const stmt = db.prepare(`SELECT * FROM ${p}customers WHERE customer_id > ? ORDER BY customer_id LIMIT ?`).safeIntegers(true);
      let after = '';
      for (;;) {
        const rows = stmt.all(after, batchSize) as Array<Record<string, unknown> & { customer_id: string }>;
        if (rows.length === 0) return;
        after = rows[rows.length - 1].customer_id;
        yield rows.map((row) => ({ customerId: row.customer_id, fields: storedFields(row) }));
      }
    },
    segmentCounts: async (): Promise<SegmentCounts> => {
      const counts = (stmt: Database.Statement) =>
        Object.fromEntries((stmt.all() as Array<{ k: string; n: number }>).map((r) => [r.k, r.n]));
      const status = counts(countStatements.status);
      return {
        customers: Object.values(status).reduce((a, b) => a + b, 0),
        status,
        loyaltyLevel: counts(countStatements.loyaltyLevel),
        valueTier: counts(countStatements.valueTier),
      };
    },
    transitions: async (customerId, limit, cursor) => {
      const after = decodeSequenceCursor(cursor) ?? 0;
      const rows = s.transitionsOf.all(customerId, after, limit + 1) as TransitionRow[];
      const page = rows.slice(0, limit);
      return {
        items: page.map(toTransition),
        nextCursor: rows.length > limit ? encodeCursor(Number(page[page.length - 1].seq)) : null,
      };
    },
    transitionsAfter: async (after, until, filter, limit) => {
      const { sql, params } = transitionsAfterSql(p, after, until, filter);
      const statement = feedStatements.get(sql) ?? db.prepare(sql).safeIntegers(true);
      feedStatements.set(sql, statement);
      return (statement.all(...params, limit) as TransitionRow[]).map(withSnapshot);
    },
    cutoffsAt: async (date) => {
      const row = s.cutoffsAt.get(date) as { cutoffs: string } | undefined;
      return row ? (JSON.parse(row.cutoffs) as Cutoffs) : null;
    },
    allCutoffs: async () =>
      (s.allCutoffs.all() as Array<{ date: string; cutoffs: string }>).map((r) => ({ date: r.date, cutoffs: JSON.parse(r.cutoffs) as Cutoffs })),
    transitionCounts: async () => {
      const byField: Record<string, number> = {};
      const initial: Record<string, number> = {};
      for (const row of s.transitionsByField.all() as Array<{ field: string; initial: number; n: number }>) {
        const target = row.initial ? initial : byField;
        target[row.field] = (target[row.field] ?? 0) + row.n;
      }
      return { byField, initial, reactivations: (s.reactivations.get() as { n: number }).n };
    },
    ...sqliteStatsQueries(db, p),
    rebuildSink: (sinkOptions) => createSqliteBulkLoad(writer, p, sinkOptions),
    close: async () => {
      if (db !== writer) db.close();
      writer.close();
    },
  };
}

/** A customers row with integers as strings and the state JSON parsed, as StoredCustomer holds it. */
function storedFields(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([column, value]) => [
    column,
    typeof value === 'bigint' ? value.toString() : column === 'state' && typeof value === 'string' ? (JSON.parse(value) as unknown) : value,
  ]));
}
