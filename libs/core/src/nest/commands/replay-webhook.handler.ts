import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type WebhookView, WebhookSubscriptions } from '../../integration/webhooks/webhook-subscriptions.js';
import { ReplayWebhookCommand } from './replay-webhook.command.js';

@CommandHandler(ReplayWebhookCommand)
export class ReplayWebhookHandler implements ICommandHandler<ReplayWebhookCommand> {
  constructor(private readonly webhooks: WebhookSubscriptions) {}

  execute({ id, from }: ReplayWebhookCommand): Promise<WebhookView> {
    return this.webhooks.replay(id, from);
  }
}
