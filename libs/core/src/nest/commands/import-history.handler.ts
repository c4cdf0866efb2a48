import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ImportSummary } from '../../import/import-summary.js';
import { LifecycleCommands } from '../../commands/lifecycle-commands.js';
import { ImportHistoryCommand } from './import-history.command.js';

@CommandHandler(ImportHistoryCommand)
export class ImportHistoryHandler implements ICommandHandler<ImportHistoryCommand> {
  constructor(private readonly commands: LifecycleCommands) {}

  execute({ file, options }: ImportHistoryCommand): Promise<ImportSummary> {
    return this.commands.importHistory(file, options);
  }
}
