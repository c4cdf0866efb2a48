import { Long } from 'mongodb';
import { buildFixture } from '../contract-fixtures.js';
import type { CustomerRecord } from '../read-model.port.js';
import { bulkLoadOperations, toCustomerDocument } from './bulk-load-operations.js';
import { fromCustomerDocument } from './customer-document.js';
import { toTransitionDocument } from './transition-document.js';

const { records, transitions } = buildFixture();
const record = (id: string): CustomerRecord => records.get(id) as CustomerRecord;

describe('bulk-load operations (MongoDB rebuild)', () => {
  it('maps a customer to its whole document, nextDueAt absent when nothing is due, and back', () => {
    const due = record('11');
    expect(toCustomerDocument(due)).toEqual({
      _id: '11', status: due.state.status, loyaltyLevel: due.state.loyaltyLevel, valueTier: due.state.valueTier, net12: due.state.evaluation.net12,
      nextDueAt: due.state.nextDueAt, lastPosition: Long.fromBigInt(due.lastPosition), tierDirty: false, state: due.state,
    });
    expect(toCustomerDocument(record('1'))).not.toHaveProperty('nextDueAt');
    expect(fromCustomerDocument(toCustomerDocument(due))).toEqual(due);
  });

  it('inserts customers not written before, replaces the others whole, inserts transitions and upserts cutoffs by date', () => {
    const cutoffs = { populationSize: 1, VIP: null, KEY: null, STANDARD: { net12: 5, customerId: '3' } };
    const ops = bulkLoadOperations(
      { customers: [record('11'), record('3')], transitions: transitions.slice(0, 2), cutoffs: [{ date: '2024-04-09', cutoffs }] },
      new Set(['3']),
    );
    expect(ops.customers).toEqual([
      { insertOne: { document: toCustomerDocument(record('11')) } },
      { replaceOne: { filter: { _id: '3' }, replacement: toCustomerDocument(record('3')) } },
    ]);
    expect(ops.transitions).toEqual(transitions.slice(0, 2).map(toTransitionDocument));
    expect(ops.cutoffs).toEqual([{ replaceOne: { filter: { _id: '2024-04-09' }, replacement: { _id: '2024-04-09', cutoffs }, upsert: true } }]);
  });
});
