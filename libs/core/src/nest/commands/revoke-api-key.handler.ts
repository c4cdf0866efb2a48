import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LifecycleCommands } from '../../commands/lifecycle-commands.js';
import { RevokeApiKeyCommand } from './revoke-api-key.command.js';

@CommandHandler(RevokeApiKeyCommand)
export class RevokeApiKeyHandler implements ICommandHandler<RevokeApiKeyCommand> {
  constructor(private readonly commands: LifecycleCommands) {}

  execute({ path, id, actor }: RevokeApiKeyCommand): Promise<string> {
    return this.commands.revokeKey(path, id, actor);
  }
}
