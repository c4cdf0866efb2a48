import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CreatedWebhook, WebhookSubscriptions } from '../../integration/webhooks/webhook-subscriptions.js';
import { CreateWebhookCommand } from './create-webhook.command.js';

@CommandHandler(CreateWebhookCommand)
export class CreateWebhookHandler implements ICommandHandler<CreateWebhookCommand> {
  constructor(private readonly webhooks: WebhookSubscriptions) {}

  execute({ body }: CreateWebhookCommand): Promise<CreatedWebhook> {
    return this.webhooks.create(body);
  }
}
