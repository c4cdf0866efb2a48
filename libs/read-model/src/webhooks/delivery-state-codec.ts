import { decodeFeedCursor, encodeFeedCursor } from '../transition-key.js';
import type { DeliveryState } from './webhook-store.port.js';

/** A delivery state as stored: keys as feed cursors (exact 64-bit positions in plain JSON). */
export type StoredDeliveryState = Omit<DeliveryState, 'checkpoint' | 'inflight'> & { checkpoint: string | null; inflight: string | null };

export const encodeDelivery = (state: DeliveryState): StoredDeliveryState => ({
  ...state,
  checkpoint: state.checkpoint === null ? null : encodeFeedCursor(state.checkpoint),
  inflight: state.inflight === null ? null : encodeFeedCursor(state.inflight),
});

export const decodeDelivery = (stored: StoredDeliveryState): DeliveryState => ({
  status: stored.status,
  checkpoint: decodeFeedCursor(stored.checkpoint),
  inflight: decodeFeedCursor(stored.inflight),
  attempts: stored.attempts,
  nextAttemptAt: stored.nextAttemptAt,
  lastError: stored.lastError,
  lastAttemptAt: stored.lastAttemptAt,
  delivered: stored.delivered,
});
