import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AppConfig } from '../config/app-config.js';
import { IngestionService } from '../ingestion/ingestion.service.js';
import type { IngestionResult } from '../ingestion/ingestion-result.js';
import { APP_CONFIG } from '../nest/tokens.js';
import { validateRouteEvent } from '../validation/index.js';
import { RecordCustomerEventCommand } from './record-customer-event.command.js';
import { stampKeyId } from './stamp-key-id.js';

@CommandHandler(RecordCustomerEventCommand)
export class RecordCustomerEventHandler implements ICommandHandler<RecordCustomerEventCommand> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ingestion: IngestionService,
  ) {}

  async execute({ type, customerId, body, keyId }: RecordCustomerEventCommand): Promise<IngestionResult> {
    const outcome = validateRouteEvent(body, { type, customerId }, { baseCurrency: this.config.rules.baseCurrency });
    const [result] = await this.ingestion.submit([stampKeyId(outcome, keyId)]);
    return result;
  }
}
