/** The commands (writes) every entry point dispatches on the CommandBus, and their handlers. */
import { AdvanceClockHandler } from './advance-clock.handler.js';
import { IngestBatchHandler } from './ingest-batch.handler.js';
import { RecordCustomerEventHandler } from './record-customer-event.handler.js';

export * from './advance-clock.command.js';
export * from './ingest-batch.command.js';
export * from './record-customer-event.command.js';

export const commandHandlers = [
  AdvanceClockHandler,
  IngestBatchHandler,
  RecordCustomerEventHandler,
];
