import { Command } from '@nestjs/cqrs';
import type { IngestionResult } from '../ingestion/ingestion-result.js';

export const MAX_BATCH = 1000;

/** Up to 1,000 full envelopes (the NDJSON import format), answered with a result per event. */
export class IngestBatchCommand extends Command<IngestionResult[]> {
  constructor(
    readonly envelopes: unknown[],
    readonly source?: string,
    /** The id of the API key that sent the batch (recorded in each event's metadata). */
    readonly keyId?: string,
  ) {
    super();
  }
}
