/** The commands (writes) every entry point dispatches on the CommandBus, and their handlers. */
import { AdvanceClockHandler } from './advance-clock.handler.js';
import { CatchUpProjectionHandler } from './catch-up-projection.handler.js';
import { CreateApiKeyHandler } from './create-api-key.handler.js';
import { CreateWebhookHandler } from './create-webhook.handler.js';
import { ImportHistoryHandler } from './import-history.handler.js';
import { IngestBatchHandler } from './ingest-batch.handler.js';
import { RebuildProjectionHandler } from './rebuild-projection.handler.js';
import { RecordCustomerEventHandler } from './record-customer-event.handler.js';
import { RemoveWebhookHandler } from './remove-webhook.handler.js';
import { ReplayWebhookHandler } from './replay-webhook.handler.js';
import { RevokeApiKeyHandler } from './revoke-api-key.handler.js';
import { StartProjectionRebuildHandler } from './start-projection-rebuild.handler.js';

export * from './advance-clock.command.js';
export * from './catch-up-projection.command.js';
export * from './create-api-key.command.js';
export * from './create-webhook.command.js';
export * from './import-history.command.js';
export * from './ingest-batch.command.js';
export * from './rebuild-projection.command.js';
export * from './record-customer-event.command.js';
export * from './remove-webhook.command.js';
export * from './replay-webhook.command.js';
export * from './revoke-api-key.command.js';
export * from './start-projection-rebuild.command.js';

export const commandHandlers = [
  AdvanceClockHandler,
  CatchUpProjectionHandler,
  CreateApiKeyHandler,
  CreateWebhookHandler,
  ImportHistoryHandler,
  IngestBatchHandler,
  RebuildProjectionHandler,
  RecordCustomerEventHandler,
  RemoveWebhookHandler,
  ReplayWebhookHandler,
  RevokeApiKeyHandler,
  StartProjectionRebuildHandler,
];
