import Database from 'better-sqlite3';
import { decodeCursor } from '../cursor.js';
import { byCustomerId, pageOf } from './keyset-pages.js';

describe('keyset pages', () => {
  it('returns the first `limit` rows and a cursor on the last one only when a further row was fetched', () => {
    const full = pageOf([{ k: 1 }, { k: 2 }, { k: 3 }], 2, (r) => r.k * 10, (r) => r.k);
    expect(full.items).toEqual([10, 20]);
    expect(decodeCursor(full.nextCursor)).toBe(2);
    expect(pageOf([{ k: 1 }, { k: 2 }], 2, (r) => r.k, (r) => r.k)).toEqual({ items: [1, 2], nextCursor: null });
    expect(pageOf([], 2, (r: { k: number }) => r.k, (r) => r.k)).toEqual({ items: [], nextCursor: null });
  });

  it('walks a table by customer_id in batches, every row once, in order', async () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE customers (customer_id TEXT PRIMARY KEY)');
    const ids = ['10', '2', '9', '1', '11'];
    for (const id of ids) db.prepare('INSERT INTO customers VALUES (?)').run(id);
    const statement = db.prepare('SELECT customer_id FROM customers WHERE customer_id > ? ORDER BY customer_id LIMIT ?');
    const batches: string[][] = [];
    for await (const rows of byCustomerId<{ customer_id: string }>(statement, 2)) batches.push(rows.map((r) => r.customer_id));
    db.close();
    expect(batches).toEqual([['1', '10'], ['11', '2'], ['9']]);
  });
});
