import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WebhookSubscriptions } from '../../integration/webhooks/webhook-subscriptions.js';
import { RemoveWebhookCommand } from './remove-webhook.command.js';

@CommandHandler(RemoveWebhookCommand)
export class RemoveWebhookHandler implements ICommandHandler<RemoveWebhookCommand> {
  constructor(private readonly webhooks: WebhookSubscriptions) {}

  execute({ id }: RemoveWebhookCommand): Promise<void> {
    return this.webhooks.remove(id);
  }
}
