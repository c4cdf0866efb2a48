import { startEsdbFake, type EsdbFake } from '../../../../test/support/esdb-fake/esdb-fake-server.js';
import { describeEventStoreContract } from '../event-store.contract.js';
import { createEsdbEventStore } from './esdb-event-store.js';

let fake: EsdbFake | undefined;
afterAll(async () => {
  await fake?.stop();
});

// The real-server run of the same contract is esdb-event-store.int.spec.ts (EVENTSTORE_CONNECTION_STRING).
describeEventStoreContract('EventStoreDB adapter on the protocol-level FAKE server (test/support/esdb-fake)', async () => {
  fake ??= await startEsdbFake();
  const store = createEsdbEventStore({ connectionString: fake.connectionString });
  return { store, teardown: () => store.close() };
});
