import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AppConfig } from '../config/app-config.js';
import { IngestionService } from '../ingestion/ingestion.service.js';
import type { IngestionResult } from '../ingestion/ingestion-result.js';
import { APP_CONFIG } from '../nest/tokens.js';
import { toCandidate } from '../import/parse-line.js';
import { IngestBatchCommand } from './ingest-batch.command.js';
import { stampKeyId } from './stamp-key-id.js';

@CommandHandler(IngestBatchCommand)
export class IngestBatchHandler implements ICommandHandler<IngestBatchCommand> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ingestion: IngestionService,
  ) {}

  async execute({ envelopes, keyId }: IngestBatchCommand): Promise<IngestionResult[]> {
    return this.ingestion.submit(envelopes.map((raw) => stampKeyId(toCandidate(raw, this.config.rules.baseCurrency), keyId)));
  }
}
