import { customerStream, type EventStore, type RecordedEvent } from '@lifecycle/event-store';

/** One customer's events forwards from a revision (inclusive), in stream order. */
export const readCustomerEvents = (store: EventStore, customerId: string, fromRevision = 0n, maxCount?: number): Promise<RecordedEvent[]> =>
  store.readStream(customerStream(customerId), fromRevision, maxCount);

/** Whether the customer has at least one event in the log. */
export const hasCustomer = async (store: EventStore, customerId: string): Promise<boolean> =>
  (await readCustomerEvents(store, customerId, 0n, 1)).length > 0;
