import type Database from 'better-sqlite3';
import { encodeCursor } from '../cursor.js';
import type { Page } from '../read-model.port.js';

/**
 * One page from rows fetched with LIMIT limit + 1: the extra row only says that more follow,
 * and the cursor holds the key of the page's last row.
 */
export function pageOf<R, T>(rows: R[], limit: number, toItem: (row: R) => T, keyOf: (row: R) => unknown): Page<T> {
  const page = rows.slice(0, limit);
  return { items: page.map(toItem), nextCursor: rows.length > limit ? encodeCursor(keyOf(page[page.length - 1])) : null };
}

/** Every row of a statement `... WHERE customer_id > ? ORDER BY customer_id LIMIT ?`, in batches. */
export async function* byCustomerId<R extends { customer_id: string }>(statement: Database.Statement, batchSize: number): AsyncGenerator<R[]> {
  let after = '';
  for (;;) {
    const rows = statement.all(after, batchSize) as R[];
    if (rows.length === 0) return;
    after = rows[rows.length - 1].customer_id;
    yield rows;
  }
}
