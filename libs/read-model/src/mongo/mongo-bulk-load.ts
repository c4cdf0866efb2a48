import type { Collection, WriteConcernSettings } from 'mongodb';
import type { CustomerRecord } from '../read-model.port.js';
import type { RebuildSink, RebuildSinkOptions } from '../rebuild-sink.port.js';
import { bulkLoadOperations } from './bulk-load-operations.js';
import { type CustomerDocument, fromCustomerDocument } from './customer-document.js';
import { CUSTOMER_INDEXES, TRANSITION_INDEXES } from './indexes.js';
import { type CutoffsDocument, META_ID, type MetaDocument, metaSet } from './meta-document.js';
import type { TransitionDocument } from './transition-document.js';

export interface BulkLoadCollections {
  customers: Collection<CustomerDocument>;
  transitions: Collection<TransitionDocument>;
  cutoffs: Collection<CutoffsDocument>;
  meta: Collection<MetaDocument>;
}

const MAJORITY: WriteConcernSettings = { w: 'majority' };

/**
 * Bulk load of a fresh version's collections (a rebuild): unordered bulk writes, the secondary
 * indexes dropped first and built after the data. Unsafe mode acknowledges the loading writes
 * on the primary alone (w: 1); the finish writes the meta with majority write concern, which,
 * the oplog being in order, also waits for every write before it.
 */
export function createMongoBulkLoad(c: BulkLoadCollections, options: RebuildSinkOptions): RebuildSink {
  const writeConcern: WriteConcernSettings = options.unsafe ? { w: 1 } : MAJORITY;
  const written = new Set<string>();
  return {
    begin: async () => {
      if ((await c.customers.countDocuments({}, { limit: 1 })) > 0 || (await c.transitions.countDocuments({}, { limit: 1 })) > 0) return false;
      await c.customers.dropIndexes();
      await c.transitions.dropIndexes();
      return true;
    },
    write: async (batch) => {
      const ops = bulkLoadOperations(batch, written);
      if (ops.customers.length > 0) await c.customers.bulkWrite(ops.customers, { ordered: false, writeConcern });
      if (ops.transitions.length > 0) await c.transitions.insertMany(ops.transitions, { ordered: false, writeConcern });
      if (ops.cutoffs.length > 0) await c.cutoffs.bulkWrite(ops.cutoffs, { ordered: false, writeConcern });
      for (const record of batch.customers) written.add(record.state.customerId);
    },
    getCustomers: async (ids) => {
      const found = new Map<string, CustomerRecord>();
      // 'local': the loading writes (w: 1) may not be majority-committed yet.
      for await (const doc of c.customers.find({ _id: { $in: ids } }, { readConcern: { level: 'local' } })) found.set(doc._id, fromCustomerDocument(doc));
      return found;
    },
    finish: async (meta) => {
      await c.customers.createIndexes(CUSTOMER_INDEXES);
      await c.transitions.createIndexes(TRANSITION_INDEXES);
      await c.meta.updateOne({ _id: META_ID }, { $set: metaSet(meta) }, { upsert: true, writeConcern: MAJORITY });
    },
  };
}
