import type { TransitionFilter, TransitionKey } from '../read-model.port.js';

export type WebhookStatus = 'active' | 'paused';

/** Where a subscription's delivery stands; written by the dispatcher after every attempt. */
export interface DeliveryState {
  status: WebhookStatus;
  /** Every matching transition up to this key was acknowledged by the receiver (null: none yet). */
  checkpoint: TransitionKey | null;
  /** The last key of the batch being delivered: a redelivery re-reads exactly (checkpoint, inflight]. */
  inflight: TransitionKey | null;
  /** Failed attempts of the in-flight batch. */
  attempts: number;
  /** Epoch ms before which the in-flight batch is not retried. */
  nextAttemptAt: number | null;
  lastError: string | null;
  lastAttemptAt: number | null;
  /** Events acknowledged so far. */
  delivered: number;
}

export interface WebhookSubscription {
  id: string;
  url: string;
  filter: TransitionFilter;
  /** The Standard Webhooks signing secret (whsec_…), kept as-is: signing needs it. */
  secret: string;
  createdAt: string;
  delivery: DeliveryState;
  /** Bumped by every reset (a replay), so that a dispatcher's write about an older state is refused. */
  generation: number;
}

export const initialDelivery = (checkpoint: TransitionKey | null = null): DeliveryState => ({
  status: 'active', checkpoint, inflight: null, attempts: 0, nextAttemptAt: null, lastError: null, lastAttemptAt: null, delivered: 0,
});

/** Webhook subscriptions and their delivery checkpoints, stored durably beside the read model. */
export interface WebhookStore {
  create(subscription: Omit<WebhookSubscription, 'generation'>): Promise<void>;
  /** Every subscription, oldest first. */
  list(): Promise<WebhookSubscription[]>;
  get(id: string): Promise<WebhookSubscription | null>;
  remove(id: string): Promise<boolean>;
  /** Writes the delivery state only while the stored generation is `generation`; false when a reset or a removal intervened. */
  saveDelivery(id: string, generation: number, delivery: DeliveryState): Promise<boolean>;
  /** Replaces the delivery state and bumps the generation; null when there is no such subscription. */
  resetDelivery(id: string, delivery: DeliveryState): Promise<WebhookSubscription | null>;
  close(): Promise<void>;
}
