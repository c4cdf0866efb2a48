import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LifecycleCommands } from '../../commands/lifecycle-commands.js';
import { AdvanceClockCommand } from './advance-clock.command.js';

@CommandHandler(AdvanceClockCommand)
export class AdvanceClockHandler implements ICommandHandler<AdvanceClockCommand> {
  constructor(private readonly commands: LifecycleCommands) {}

  execute({ until, options }: AdvanceClockCommand): Promise<string[]> {
    return this.commands.advanceClock(until, options);
  }
}
