import type { AnyBulkWriteOperation, ClientSession, Collection } from 'mongodb';
import type { CustomerRecord } from '../read-model.port.js';
import { duplicateKeyFailures } from './bulk-errors.js';
import { type CustomerDocument, customerGuard, customerUpdate } from './customer-document.js';

const guardedUpdate = (record: CustomerRecord, upsert: boolean): AnyBulkWriteOperation<CustomerDocument> => ({
  updateOne: { filter: customerGuard(record), update: customerUpdate(record), upsert },
});

/**
 * Writes customers so that none goes backwards: each update only matches a stored document at
 * or behind the record's position, and upserts when there is none.
 *
 * When the guard fails on an existing document the upsert tries to insert its `_id` again and
 * the server answers E11000 (it only retries such an upsert itself when the filter is nothing
 * but equalities on the unique key, which the guard is not). That usually means "already
 * applied", but it is also what a concurrent first insert looks like, so those records go once
 * more as plain guarded updates, which apply when newer and match nothing otherwise.
 *
 * The driver splits a large bulkWrite into server batches and, even unordered, throws after the
 * first batch with a write error without sending the rest; so the other operations are simply
 * re-sent (they are idempotent) until a pass has no duplicate keys.
 */
export async function writeCustomers(
  collection: Collection<CustomerDocument>, records: CustomerRecord[], session: ClientSession,
): Promise<void> {
  let pending = records;
  const collided: CustomerRecord[] = [];
  while (pending.length > 0) {
    try {
      await collection.bulkWrite(pending.map((record) => guardedUpdate(record, true)), { ordered: false, session });
      break;
    } catch (error) {
      const failed = duplicateKeyFailures(error);
      if (failed === null) throw error;
      const skip = new Set(failed);
      collided.push(...failed.map((i) => pending[i]));
      pending = pending.filter((_, i) => !skip.has(i));
    }
  }
  if (collided.length > 0) {
    await collection.bulkWrite(collided.map((record) => guardedUpdate(record, false)), { ordered: false, session });
  }
}
