import { Command } from '@nestjs/cqrs';
import type { WebhookView } from '../../integration/webhooks/webhook-subscriptions.js';

/** Delivers again from `from` (a cursor, "beginning"; default the checkpoint), resuming a paused subscription. */
export class ReplayWebhookCommand extends Command<WebhookView> {
  constructor(
    readonly id: string,
    readonly from?: string,
  ) {
    super();
  }
}
