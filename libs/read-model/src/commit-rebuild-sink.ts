import type { ReadModelStore } from './read-model.port.js';
import type { RebuildSink } from './rebuild-sink.port.js';

/** A rebuild sink over a store's own commit, for read models without a bulk load: one commit per flush. */
export function commitRebuildSink(store: ReadModelStore): RebuildSink {
  return {
    begin: async () => (await store.segmentCounts()).customers === 0,
    write: (batch) => store.unitOfWork(async () => {
      const [first, ...rest] = batch.cutoffs;
      await store.commit({ customers: batch.customers, transitions: batch.transitions, cutoffs: first });
      for (const cutoffs of rest) await store.commit({ customers: [], transitions: [], cutoffs });
    }),
    getCustomers: (ids) => store.getCustomers(ids),
    finish: (meta) => store.commit({ customers: [], transitions: [], meta }),
  };
}
