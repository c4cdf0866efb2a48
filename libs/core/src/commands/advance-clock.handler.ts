import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { addDays } from '@lifecycle/domain';
import { IngestionService } from '../ingestion/ingestion.service.js';
import { AdvanceClockCommand } from './advance-clock.command.js';

@CommandHandler(AdvanceClockCommand)
export class AdvanceClockHandler implements ICommandHandler<AdvanceClockCommand> {
  constructor(private readonly ingestion: IngestionService) {}

  execute({ until }: AdvanceClockCommand): Promise<string[]> {
    return this.ingestion.tickUntil(addDays(until, -1));
  }
}
