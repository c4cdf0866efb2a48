import { Command } from '@nestjs/cqrs';

/** Revokes an active API key in the keys file, recorded in the admin audit trail; answers when. */
export class RevokeApiKeyCommand extends Command<string> {
  constructor(
    readonly path: string,
    readonly id: string,
    readonly actor: string,
  ) {
    super();
  }
}
