import { Command } from '@nestjs/cqrs';
import type { BusinessEventType } from '@lifecycle/domain';
import type { IngestionResult } from '../../ingestion/ingestion-result.js';

/** One event from an upstream service; `type` and `customerId` come from the route. */
export class RecordCustomerEventCommand extends Command<IngestionResult> {
  constructor(
    readonly type: BusinessEventType,
    readonly customerId: string,
    readonly body: unknown,
    /** The id of the API key that sent the event (recorded in its metadata). */
    readonly keyId?: string,
  ) {
    super();
  }
}
