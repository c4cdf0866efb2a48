import { Command } from '@nestjs/cqrs';
import type { KeyRole } from '../../auth/api-keys.js';

/** A new API key in the keys file, recorded in the admin audit trail; answers the key (shown once). */
export class CreateApiKeyCommand extends Command<string> {
  constructor(
    readonly path: string,
    readonly id: string,
    readonly roles: KeyRole[],
    readonly actor: string,
  ) {
    super();
  }
}
