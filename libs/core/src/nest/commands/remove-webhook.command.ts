import { Command } from '@nestjs/cqrs';

/** Removes a webhook subscription: no delivery after it. */
export class RemoveWebhookCommand extends Command<void> {
  constructor(
    readonly id: string,
  ) {
    super();
  }
}
