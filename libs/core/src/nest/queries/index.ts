/** The queries (reads) every entry point dispatches on the QueryBus, and their handlers. */
import { ExplainCustomerHandler } from './explain-customer.handler.js';
import { ExportCustomersHandler } from './export-customers.handler.js';
import { ExportLogHandler } from './export-log.handler.js';
import { GetAdminLogHandler } from './get-admin-log.handler.js';
import { GetAsOfHandler } from './get-as-of.handler.js';
import { GetCustomerHandler } from './get-customer.handler.js';
import { GetCutoffsRangeHandler } from './get-cutoffs-range.handler.js';
import { GetHistoryHandler } from './get-history.handler.js';
import { GetLogHeadHandler } from './get-log-head.handler.js';
import { GetProjectionCheckpointHandler } from './get-projection-checkpoint.handler.js';
import { GetProjectionStatusHandler } from './get-projection-status.handler.js';
import { GetSegmentsDailyHandler } from './get-segments-daily.handler.js';
import { GetSegmentsHandler } from './get-segments.handler.js';
import { GetTransitionsHandler } from './get-transitions.handler.js';
import { GetWebhookFailuresHandler } from './get-webhook-failures.handler.js';
import { GetWebhookHandler } from './get-webhook.handler.js';
import { ListCustomersHandler } from './list-customers.handler.js';
import { ListProjectionVersionsHandler } from './list-projection-versions.handler.js';
import { ListWebhooksHandler } from './list-webhooks.handler.js';
import { ReadFeedHandler } from './read-feed.handler.js';
import { VerifyProjectionHandler } from './verify-projection.handler.js';

export * from './explain-customer.query.js';
export * from './export-customers.query.js';
export * from './export-log.query.js';
export * from './get-admin-log.query.js';
export * from './get-as-of.query.js';
export * from './get-customer.query.js';
export * from './get-cutoffs-range.query.js';
export * from './get-history.query.js';
export * from './get-log-head.query.js';
export * from './get-projection-checkpoint.query.js';
export * from './get-projection-status.query.js';
export * from './get-segments-daily.query.js';
export * from './get-segments.query.js';
export * from './get-transitions.query.js';
export * from './get-webhook-failures.query.js';
export * from './get-webhook.query.js';
export * from './list-customers.query.js';
export * from './list-projection-versions.query.js';
export * from './list-webhooks.query.js';
export * from './read-feed.query.js';
export * from './verify-projection.query.js';

export const queryHandlers = [
  ExplainCustomerHandler,
  ExportCustomersHandler,
  ExportLogHandler,
  GetAdminLogHandler,
  GetAsOfHandler,
  GetCustomerHandler,
  GetCutoffsRangeHandler,
  GetHistoryHandler,
  GetLogHeadHandler,
  GetProjectionCheckpointHandler,
  GetProjectionStatusHandler,
  GetSegmentsDailyHandler,
  GetSegmentsHandler,
  GetTransitionsHandler,
  GetWebhookFailuresHandler,
  GetWebhookHandler,
  ListCustomersHandler,
  ListProjectionVersionsHandler,
  ListWebhooksHandler,
  ReadFeedHandler,
  VerifyProjectionHandler,
];
