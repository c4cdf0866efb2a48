import { Command } from '@nestjs/cqrs';
import type { CreatedWebhook } from '../../integration/webhooks/webhook-subscriptions.js';

/** A webhook subscription from a request body `{url, filter?, from?}`; answers it with its secret (shown once). */
export class CreateWebhookCommand extends Command<CreatedWebhook> {
  constructor(
    readonly body: unknown,
  ) {
    super();
  }
}
