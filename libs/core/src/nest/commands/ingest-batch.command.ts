import { Command } from '@nestjs/cqrs';
import type { IngestionResult } from '../../ingestion/ingestion-result.js';

/** Up to MAX_BATCH full envelopes (the NDJSON import format), answered with a result per event. */
export class IngestBatchCommand extends Command<IngestionResult[]> {
  constructor(
    readonly envelopes: unknown[],
    /** The id of the API key that sent the batch (recorded in each event's metadata). */
    readonly keyId?: string,
  ) {
    super();
  }
}
