import type Database from 'better-sqlite3';
import type { TransitionFilter, TransitionKey } from '../read-model.port.js';

/** The field order of TransitionKey as SQL (status 0, loyaltyLevel 1, valueTier 2). */
export const FIELD_RANK_SQL = "(CASE field WHEN 'status' THEN 0 WHEN 'loyaltyLevel' THEN 1 ELSE 2 END)";

/**
 * Adds what the integration feed needs to a transitions table, old files included: the snapshot
 * column (NULL on rows stored before it existed) and the index in log order across customers.
 */
export function migrateTransitionFeed(db: Database.Database, p: string): void {
  // Under the write lock, so two processes opening the same file at once cannot both add the column.
  db.transaction(() => {
    const columns = (db.prepare(`PRAGMA table_info(${p}transitions)`).all() as Array<{ name: string }>).map((c) => c.name);
    if (!columns.includes('snapshot')) db.exec(`ALTER TABLE ${p}transitions ADD COLUMN snapshot TEXT`);
    db.exec(`CREATE INDEX IF NOT EXISTS ${p}transitions_feed ON ${p}transitions(position, ${FIELD_RANK_SQL}, customer_id)`);
  }).immediate();
}

/** SELECT of transitionsAfter: keyset after a TransitionKey, bounded by a position, filtered. */
export function transitionsAfterSql(p: string, after: TransitionKey | null, until: bigint, filter: TransitionFilter): { sql: string; params: unknown[] } {
  const clauses = ['position <= ?'];
  const params: unknown[] = [until];
  if (after !== null) {
    clauses.push(`position >= ?`, `(position > ? OR ${FIELD_RANK_SQL} > ? OR (${FIELD_RANK_SQL} = ? AND customer_id > ?))`);
    params.push(after.position, after.position, after.fieldRank, after.fieldRank, after.customerId);
  }
  if (filter.field !== undefined) { clauses.push('field = ?'); params.push(filter.field); }
  if (filter.from !== undefined) { clauses.push('from_value = ?'); params.push(filter.from); }
  if (filter.to !== undefined) { clauses.push('to_value = ?'); params.push(filter.to); }
  if (filter.reactivation !== undefined) { clauses.push('reactivation = ?'); params.push(filter.reactivation ? 1 : 0); }
  return {
    sql: `SELECT * FROM ${p}transitions WHERE ${clauses.join(' AND ')} ORDER BY position, ${FIELD_RANK_SQL}, customer_id LIMIT ?`,
    params,
  };
}
