import { sqliteProjection } from '@event-driven-io/emmett-sqlite';

export const SUMMARY_TABLE_SQL =
  'CREATE TABLE IF NOT EXISTS customer_summaries (customer_id TEXT PRIMARY KEY, document TEXT NOT NULL)';

const emptySummary = () => ({ orderCount: 0, lifetimeNet: 0, lastPurchaseAt: null });

function evolveSummary(summary, event) {
  if (event.type === 'PurchaseRecorded') {
    return { orderCount: summary.orderCount + 1, lifetimeNet: summary.lifetimeNet + event.data.amountMinor, lastPurchaseAt: event.data.occurredAt };
  }
  return { ...summary, lifetimeNet: summary.lifetimeNet - event.data.amountMinor };
}

/**
 * One JSON document per customer (order count, lifetime net, last purchase), through Emmett's
 * SQLite projection definition: each event reads its customer's document, evolves it and upserts it.
 */
export const customerSummaryProjection = sqliteProjection({
  name: 'customer_summary',
  canHandle: ['PurchaseRecorded', 'RefundRecorded'],
  handle: async (events, { connection }) => {
    for (const event of events) {
      const id = event.data.customerId;
      const row = await connection.querySingle('SELECT document FROM customer_summaries WHERE customer_id = ?', [id]);
      const next = evolveSummary(row ? JSON.parse(row.document) : emptySummary(), event);
      await connection.command(
        'INSERT INTO customer_summaries (customer_id, document) VALUES (?, ?) ON CONFLICT (customer_id) DO UPDATE SET document = excluded.document',
        [id, JSON.stringify(next)],
      );
    }
  },
});
