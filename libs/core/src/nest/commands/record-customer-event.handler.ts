import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LifecycleCommands } from '../../commands/lifecycle-commands.js';
import type { IngestionResult } from '../../ingestion/ingestion-result.js';
import { RecordCustomerEventCommand } from './record-customer-event.command.js';

@CommandHandler(RecordCustomerEventCommand)
export class RecordCustomerEventHandler implements ICommandHandler<RecordCustomerEventCommand> {
  constructor(private readonly commands: LifecycleCommands) {}

  execute({ type, customerId, body, keyId }: RecordCustomerEventCommand): Promise<IngestionResult> {
    return this.commands.recordEvent(type, customerId, body, keyId);
  }
}
