import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LifecycleCommands } from '../../commands/lifecycle-commands.js';
import { CreateApiKeyCommand } from './create-api-key.command.js';

@CommandHandler(CreateApiKeyCommand)
export class CreateApiKeyHandler implements ICommandHandler<CreateApiKeyCommand> {
  constructor(private readonly commands: LifecycleCommands) {}

  execute({ path, id, roles, actor }: CreateApiKeyCommand): Promise<string> {
    return this.commands.createKey(path, id, roles, actor);
  }
}
