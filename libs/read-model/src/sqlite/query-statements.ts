import type Database from 'better-sqlite3';
import type { Cutoffs } from '@lifecycle/domain';
import { decodeSequenceCursor, decodeStringCursor } from '../cursor.js';
import type { CustomerFilter, QueryStore, SegmentCounts, StoredCustomer } from '../read-model.port.js';
import { CUSTOMER_COLUMNS, type CustomerRow, profileOf, profileOfRow, storedFields, toCustomerRecord } from './customer-row.js';
import { byCustomerId, pageOf } from './keyset-pages.js';
import { metaFromRows, type MetaRow } from './meta-row.js';
import { transitionsAfterSql } from './transition-feed-sql.js';
import { toFeedTransition, toTransition, type TransitionRow } from './transition-row.js';

export type QueryStatements = Omit<QueryStore, 'transitionTalliesBefore' | 'dailyTransitionTallies' | 'cutoffsBetween'>;

/** The segment filter as SQL: one equality per given field, all of them AND-ed. */
export function filterSql(filter: CustomerFilter): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.status) { clauses.push('status = ?'); params.push(filter.status); }
  if (filter.loyaltyLevel) { clauses.push('loyalty_level = ?'); params.push(filter.loyaltyLevel); }
  if (filter.valueTier) { clauses.push('value_tier = ?'); params.push(filter.valueTier); }
  return { where: clauses.join(' AND '), params };
}

/**
 * The query side on the reader connection: it never sees a projection batch, nor the checkpoint
 * of one (loadMeta, a webhook dispatcher in the projecting process), before the batch commits.
 */
export function sqliteQueryStatements(reader: Database.Database): QueryStatements {
  const s = {
    readCustomer: reader.prepare(`SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE customer_id = ?`).safeIntegers(true),
    readMeta: reader.prepare('SELECT key, value FROM meta'),
    cutoffsAt: reader.prepare('SELECT cutoffs FROM cutoffs WHERE date = ?'),
    allCutoffs: reader.prepare('SELECT date, cutoffs FROM cutoffs ORDER BY date'),
    transitionsOf: reader.prepare('SELECT * FROM transitions WHERE customer_id = ? AND seq > ? ORDER BY seq LIMIT ?').safeIntegers(true),
    transitionsByField: reader.prepare('SELECT field, from_value IS NULL AS initial, count(*) AS n FROM transitions GROUP BY field, initial'),
    reactivations: reader.prepare('SELECT count(*) AS n FROM transitions WHERE reactivation = 1'),
    profilesAfter: reader.prepare('SELECT state, customer_id FROM customers WHERE customer_id > ? ORDER BY customer_id LIMIT ?'),
    storedAfter: reader.prepare('SELECT * FROM customers WHERE customer_id > ? ORDER BY customer_id LIMIT ?').safeIntegers(true),
  };
  const countBy = (column: string) => reader.prepare(`SELECT ${column} AS k, count(*) AS n FROM customers GROUP BY ${column}`);
  const counts = { status: countBy('status'), loyaltyLevel: countBy('loyalty_level'), valueTier: countBy('value_tier') };
  // Statements built from a filter, prepared once per distinct SQL (a handful of shapes).
  const prepared = new Map<string, Database.Statement>();
  const prepare = (sql: string, safeIntegers = false): Database.Statement => {
    let statement = prepared.get(sql);
    if (!statement) {
      statement = reader.prepare(sql).safeIntegers(safeIntegers);
      prepared.set(sql, statement);
    }
    return statement;
  };

  const loadMeta = () => metaFromRows(s.readMeta.all() as MetaRow[]);
  const countsOf = (statement: Database.Statement) =>
    Object.fromEntries((statement.all() as Array<{ k: string; n: number }>).map((r) => [r.k, r.n]));

  return {
    loadMeta: async () => loadMeta(),
    getProfile: async (customerId) => {
      const row = s.readCustomer.get(customerId) as CustomerRow | undefined;
      return row ? profileOf(toCustomerRecord(row).state, loadMeta()) : null;
    },
    listProfiles: async (filter, limit, cursor) => {
      const after = decodeStringCursor(cursor);
      const { where, params } = filterSql(filter);
      const clauses = [where, after === null ? '' : 'customer_id > ?'].filter(Boolean).join(' AND ');
      const rows = prepare(`SELECT ${CUSTOMER_COLUMNS} FROM customers ${clauses ? `WHERE ${clauses}` : ''} ORDER BY customer_id LIMIT ?`)
        .all(...params, ...(after === null ? [] : [after]), limit + 1) as CustomerRow[];
      const meta = loadMeta();
      return pageOf(rows, limit, (row) => profileOfRow(row, meta), (row) => row.customer_id);
    },
    allProfiles: async function* (batchSize = 5000) {
      const meta = loadMeta();
      for await (const rows of byCustomerId<CustomerRow>(s.profilesAfter, batchSize)) yield rows.map((row) => profileOfRow(row, meta));
    },
    storedCustomers: async function* (batchSize = 5000) {
      for await (const rows of byCustomerId<Record<string, unknown> & { customer_id: string }>(s.storedAfter, batchSize)) {
        yield rows.map((row): StoredCustomer => ({ customerId: row.customer_id, fields: storedFields(row) }));
      }
    },
    segmentCounts: async (): Promise<SegmentCounts> => {
      const status = countsOf(counts.status);
      return {
        customers: Object.values(status).reduce((a, b) => a + b, 0),
        status,
        loyaltyLevel: countsOf(counts.loyaltyLevel),
        valueTier: countsOf(counts.valueTier),
      };
    },
    transitions: async (customerId, limit, cursor) => {
      const after = decodeSequenceCursor(cursor) ?? 0;
      const rows = s.transitionsOf.all(customerId, after, limit + 1) as TransitionRow[];
      return pageOf(rows, limit, toTransition, (row) => Number(row.seq));
    },
    transitionsAfter: async (after, until, filter, limit) => {
      const { sql, params } = transitionsAfterSql(after, until, filter);
      return (prepare(sql, true).all(...params, limit) as TransitionRow[]).map(toFeedTransition);
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
  };
}
