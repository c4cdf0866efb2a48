import type { TransitionFilter, TransitionKey } from '../read-model.port.js';

/** The field order of TransitionKey as SQL (status 0, loyaltyLevel 1, valueTier 2). */
export const FIELD_RANK_SQL = "(CASE field WHEN 'status' THEN 0 WHEN 'loyaltyLevel' THEN 1 ELSE 2 END)";

/** SELECT of transitionsAfter: keyset after a TransitionKey, bounded by a position, filtered. */
export function transitionsAfterSql(after: TransitionKey | null, until: bigint, filter: TransitionFilter): { sql: string; params: unknown[] } {
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
    sql: `SELECT * FROM transitions WHERE ${clauses.join(' AND ')} ORDER BY position, ${FIELD_RANK_SQL}, customer_id LIMIT ?`,
    params,
  };
}
