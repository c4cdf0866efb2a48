import type Database from 'better-sqlite3';
import type { RankKey } from '@lifecycle/domain';
import type { CustomerRecord, ProjectionStore, ProjectionWrite } from '../read-model.port.js';
import { CUSTOMER_COLUMNS, type CustomerRow, customerRowParams, toCustomerRecord } from './customer-row.js';
import { metaRows } from './meta-row.js';
import { TRANSITION_INSERT_COLUMNS, transitionRowValues } from './transition-row.js';

export type ProjectionStatements = Omit<ProjectionStore, 'loadMeta'>;

const c = CUSTOMER_COLUMNS;

export const UPSERT_CUSTOMER_SQL = `INSERT INTO customers (customer_id, status, loyalty_level, value_tier, net12, next_due_at, last_position, tier_dirty, state)
  VALUES (@id, @status, @level, @tier, @net12, @due, @pos, @dirty, @state)
  ON CONFLICT(customer_id) DO UPDATE SET status = excluded.status, loyalty_level = excluded.loyalty_level,
    value_tier = excluded.value_tier, net12 = excluded.net12, next_due_at = excluded.next_due_at,
    last_position = excluded.last_position, tier_dirty = excluded.tier_dirty, state = excluded.state`;

export const INSERT_TRANSITION_SQL = `INSERT INTO transitions (${TRANSITION_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * The projector's side on the writer connection: it reads what it bases its commits on through
 * the writer too, so it sees its own uncommitted unit of work.
 */
export function sqliteProjectionStatements(writer: Database.Database): ProjectionStatements {
  const s = {
    getCustomer: writer.prepare(`SELECT ${c} FROM customers WHERE customer_id = ?`).safeIntegers(true),
    due: writer.prepare(`SELECT ${c} FROM customers WHERE next_due_at IS NOT NULL AND next_due_at <= ? ORDER BY customer_id`).safeIntegers(true),
    dirtyIds: writer.prepare('SELECT customer_id FROM customers WHERE tier_dirty = 1').pluck(),
    clearDirty: writer.prepare('UPDATE customers SET tier_dirty = 0 WHERE tier_dirty = 1'),
    population: writer.prepare('SELECT count(*) AS n FROM customers WHERE net12 > 0'),
    keyAtRank: writer.prepare('SELECT net12, customer_id FROM customers WHERE net12 > 0 ORDER BY net12 DESC, customer_id LIMIT 1 OFFSET ?'),
    rangeFromTop: writer.prepare(`SELECT ${c} FROM customers WHERE net12 > 0
      AND (net12 > @un OR (net12 = @un AND customer_id <= @uid)) ORDER BY net12 DESC, customer_id`).safeIntegers(true),
    range: writer.prepare(`SELECT ${c} FROM customers WHERE net12 > 0
      AND (net12 < @an OR (net12 = @an AND customer_id > @aid))
      AND (net12 > @un OR (net12 = @un AND customer_id <= @uid)) ORDER BY net12 DESC, customer_id`).safeIntegers(true),
    upsert: writer.prepare(UPSERT_CUSTOMER_SQL),
    insertTransition: writer.prepare(INSERT_TRANSITION_SQL),
    upsertCutoffs: writer.prepare('INSERT OR REPLACE INTO cutoffs (date, cutoffs) VALUES (?, ?)'),
    setMeta: writer.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
  };

  const commit = writer.transaction((write: ProjectionWrite) => {
    for (const record of write.customers) s.upsert.run(customerRowParams(record));
    for (const tr of write.transitions) s.insertTransition.run(...transitionRowValues(tr));
    if (write.clearTierDirty) s.clearDirty.run();
    if (write.cutoffs) s.upsertCutoffs.run(write.cutoffs.date, JSON.stringify(write.cutoffs.cutoffs));
    for (const { key, value } of metaRows(write.meta ?? {})) s.setMeta.run(key, value);
  });

  return {
    getCustomers: async (ids) => {
      const result = new Map<string, CustomerRecord>();
      for (const id of ids) {
        const row = s.getCustomer.get(id) as CustomerRow | undefined;
        if (row) result.set(id, toCustomerRecord(row));
      }
      return result;
    },
    dueCustomers: async (asOf) => (s.due.all(asOf) as CustomerRow[]).map(toCustomerRecord),
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
      return (rows as CustomerRow[]).map(toCustomerRecord);
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
  };
}
