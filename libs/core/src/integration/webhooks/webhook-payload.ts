import { v5 as uuidv5 } from 'uuid';
import { Webhook } from 'standardwebhooks';
import type { IntegrationEvent } from '../integration-event.js';

/** The body of one delivery: a batch of integration events, in log order. */
export interface WebhookBatch {
  type: 'lifecycle.transitions';
  subscriptionId: string;
  events: IntegrationEvent[];
}

const NAMESPACE = '0b6f7c52-6a41-5d0e-8d7c-51e4b00c0014';

/**
 * The webhook-id of a batch: the same for every attempt of it (retries, and redeliveries after a
 * crash, which re-read the same batch), different after a replay (a new generation).
 */
export const batchMessageId = (subscriptionId: string, generation: number, events: IntegrationEvent[]): string =>
  `msg_${uuidv5(`${subscriptionId}/${generation}/${events[0].id}/${events[events.length - 1].id}/${events.length}`, NAMESPACE)}`;

/** The Standard Webhooks headers of one attempt, signed with the subscription's secret. */
export function signedHeaders(secret: string, messageId: string, at: Date, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(messageId, at, body),
  };
}
