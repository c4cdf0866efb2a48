import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LifecycleCommands } from '../../commands/lifecycle-commands.js';
import type { IngestionResult } from '../../ingestion/ingestion-result.js';
import { IngestBatchCommand } from './ingest-batch.command.js';

@CommandHandler(IngestBatchCommand)
export class IngestBatchHandler implements ICommandHandler<IngestBatchCommand> {
  constructor(private readonly commands: LifecycleCommands) {}

  execute({ envelopes, keyId }: IngestBatchCommand): Promise<IngestionResult[]> {
    return this.commands.ingestBatch(envelopes, keyId);
  }
}
