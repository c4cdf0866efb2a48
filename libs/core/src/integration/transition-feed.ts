import { setTimeout as delay } from 'node:timers/promises';
import {
  compareKeys, encodeFeedCursor, endOfPosition, keyOf, type QueryStore, type TransitionFilter, type TransitionKey,
} from '@lifecycle/read-model';
import { type IntegrationEvent, toIntegrationEvent } from './integration-event.js';

export interface FeedPage {
  items: IntegrationEvent[];
  /** Where the next call continues; null only while nothing has been projected and no cursor was given. */
  nextCursor: string | null;
}

export interface FeedRead {
  items: IntegrationEvent[];
  /** The key to continue after (every transition up to it was examined); null as above. */
  next: TransitionKey | null;
}

/** How often a waiting reader looks at the projection checkpoint. */
export const FEED_POLL_MS = 20;

/**
 * The integration events in log order, read from the transition log of the served projection.
 * Only positions up to the projection checkpoint are read: everything at or before it is
 * complete (the checkpoint is written last), so a cursor never skips a transition written later.
 */
export class TransitionFeed {
  constructor(private readonly readModel: QueryStore) {}

  async read(after: TransitionKey | null, filter: TransitionFilter, limit: number): Promise<FeedRead> {
    const meta = await this.readModel.loadMeta();
    if (meta.checkpoint === null) return { items: [], next: after };
    const rows = await this.readModel.transitionsAfter(after, meta.checkpoint, filter, limit);
    const items = rows.map((tr) => toIntegrationEvent(tr, meta.rulesVersion ?? ''));
    if (rows.length === limit) return { items, next: keyOf(rows[rows.length - 1]) };
    const end = endOfPosition(meta.checkpoint);
    return { items, next: after !== null && compareKeys(after, end) > 0 ? after : end };
  }

  /** As read, but waits up to `waitMs` for a first matching event (long-poll); an aborted signal answers at once. */
  async readWaiting(after: TransitionKey | null, filter: TransitionFilter, limit: number, waitMs: number, signal?: AbortSignal): Promise<FeedRead> {
    const deadline = Date.now() + waitMs;
    let page = await this.read(after, filter, limit);
    let checkpoint = (await this.readModel.loadMeta()).checkpoint;
    while (page.items.length === 0 && Date.now() < deadline && !signal?.aborted) {
      await delay(Math.min(FEED_POLL_MS, Math.max(1, deadline - Date.now())));
      const now = (await this.readModel.loadMeta()).checkpoint;
      if (now === checkpoint) continue;
      checkpoint = now;
      page = await this.read(page.next, filter, limit);
    }
    return page;
  }

  static toPage(read: FeedRead): FeedPage {
    return { items: read.items, nextCursor: read.next === null ? null : encodeFeedCursor(read.next) };
  }
}
