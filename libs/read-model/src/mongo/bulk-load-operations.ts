import type { AnyBulkWriteOperation } from 'mongodb';
import type { CustomerRecord } from '../read-model.port.js';
import type { RebuildBatch } from '../rebuild-sink.port.js';
import { type CustomerDocument, customerUpdate } from './customer-document.js';
import type { CutoffsDocument } from './meta-document.js';
import { type TransitionDocument, toTransitionDocument } from './transition-document.js';

/** The whole document of a customer, as the guarded upsert of a live commit leaves it (nextDueAt absent when null). */
export function toCustomerDocument(record: CustomerRecord): CustomerDocument {
  return { _id: record.state.customerId, ...customerUpdate(record).$set };
}

export interface BulkLoadOperations {
  customers: Array<AnyBulkWriteOperation<CustomerDocument>>;
  transitions: TransitionDocument[];
  cutoffs: Array<AnyBulkWriteOperation<CutoffsDocument>>;
}

/**
 * The writes of one flush into fresh collections: a customer not written before is inserted,
 * one written by an earlier flush replaced whole (no guard: a rebuild is the only writer);
 * transitions are plain inserts; cutoffs replaced by date.
 */
export function bulkLoadOperations(batch: RebuildBatch, written: ReadonlySet<string>): BulkLoadOperations {
  return {
    customers: batch.customers.map((record) => {
      const document = toCustomerDocument(record);
      return written.has(document._id)
        ? { replaceOne: { filter: { _id: document._id }, replacement: document } }
        : { insertOne: { document } };
    }),
    transitions: batch.transitions.map(toTransitionDocument),
    cutoffs: batch.cutoffs.map(({ date, cutoffs }) => ({ replaceOne: { filter: { _id: date }, replacement: { _id: date, cutoffs }, upsert: true } })),
  };
}
