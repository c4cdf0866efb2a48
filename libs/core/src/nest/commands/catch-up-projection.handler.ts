import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ProjectorService } from '../projector.service.js';
import { CatchUpProjectionCommand } from './catch-up-projection.command.js';

@CommandHandler(CatchUpProjectionCommand)
export class CatchUpProjectionHandler implements ICommandHandler<CatchUpProjectionCommand> {
  constructor(private readonly projector: ProjectorService) {}

  execute(): Promise<bigint | null> {
    return this.projector.catchUpOnce();
  }
}
