import { randomBytes, randomUUID } from 'node:crypto';
import type { FieldError } from '@lifecycle/domain';
import {
  encodeFeedCursor, endOfPosition, type QueryStore, type TransitionFilter,
  type TransitionKey, type WebhookStore, type WebhookSubscription, initialDelivery,
} from '@lifecycle/read-model';
import { IntegrationRequestError, parseFeedCursor, parseTransitionFilter, MAX_FEED_LIMIT } from '../feed-query.js';
import type { IntegrationEvent } from '../integration-event.js';
import { TransitionFeed } from '../transition-feed.js';

/** A subscription as the admin API shows it: everything but the secret. */
export interface WebhookView {
  id: string;
  url: string;
  filter: TransitionFilter;
  createdAt: string;
  status: 'active' | 'paused';
  /** Feed cursor up to which every matching event was acknowledged (null: none yet, from the beginning). */
  checkpoint: string | null;
  delivered: number;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
}

export interface CreatedWebhook extends WebhookView {
  /** The signing secret (Standard Webhooks, whsec_…): shown in this answer only. */
  secret: string;
}

export interface WebhookFailures extends WebhookView {
  /** The first matching events not yet acknowledged, in delivery order. */
  undelivered: IntegrationEvent[];
  /** Cursor after the last event listed (for the next page, `?after=`), null when every one was listed. */
  nextCursor: string | null;
}

export class WebhookNotFoundError extends Error {
  constructor(id: string) {
    super(`no webhook subscription ${id}`);
    this.name = 'WebhookNotFoundError';
  }
}

const MAX_URL_LENGTH = 2048;
const BODY_KEYS = ['url', 'filter', 'from'];
const FILTER_KEYS = ['field', 'from', 'to', 'reactivation'];

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const cursorOf = (key: TransitionKey | null): string | null => (key === null ? null : encodeFeedCursor(key));

export const toWebhookView = (sub: WebhookSubscription): WebhookView => ({
  id: sub.id, url: sub.url, filter: sub.filter, createdAt: sub.createdAt,
  status: sub.delivery.status, checkpoint: cursorOf(sub.delivery.checkpoint), delivered: sub.delivery.delivered,
  attempts: sub.delivery.attempts, lastError: sub.delivery.lastError,
  lastAttemptAt: iso(sub.delivery.lastAttemptAt), nextAttemptAt: iso(sub.delivery.nextAttemptAt),
});

/** http(s) only, at most 2048 characters, no credentials in it (they would be stored and shown). */
export function checkWebhookUrl(value: unknown, errors: FieldError[]): string | null {
  if (typeof value !== 'string' || value === '') {
    errors.push({ path: 'url', reason: 'required: an http:// or https:// URL' });
    return null;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    errors.push({ path: 'url', reason: 'not a URL' });
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') errors.push({ path: 'url', reason: 'must be http:// or https://' });
  else if (value.length > MAX_URL_LENGTH) errors.push({ path: 'url', reason: `at most ${MAX_URL_LENGTH} characters` });
  else if (url.username !== '' || url.password !== '') errors.push({ path: 'url', reason: 'must not carry credentials' });
  else return url.toString();
  return null;
}

/** The admin side of webhooks: subscribe, list, remove, list what is undelivered, replay. */
export class WebhookSubscriptions {
  private readonly feed: TransitionFeed;

  constructor(
    private readonly store: WebhookStore,
    private readonly readModel: QueryStore,
    private readonly now: () => number = Date.now,
  ) {
    this.feed = new TransitionFeed(readModel);
  }

  /**
   * Validates `{url, filter?, from?}`; `from` is "now" (the default: changes projected from here
   * on), "beginning" (the whole log), or a feed cursor.
   */
  async create(body: unknown): Promise<CreatedWebhook> {
    const errors: FieldError[] = [];
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new IntegrationRequestError([{ path: '$', reason: 'must be a JSON object' }]);
    const raw = body as Record<string, unknown>;
    for (const key of Object.keys(raw)) if (!BODY_KEYS.includes(key)) errors.push({ path: key, reason: 'unknown field' });
    const url = checkWebhookUrl(raw.url, errors);
    let filter: TransitionFilter = {};
    if (raw.filter !== undefined) {
      if (typeof raw.filter !== 'object' || raw.filter === null || Array.isArray(raw.filter)) {
        errors.push({ path: 'filter', reason: 'must be an object with field, from, to, reactivation (all optional)' });
      } else {
        const f = raw.filter as Record<string, unknown>;
        for (const key of Object.keys(f)) if (!FILTER_KEYS.includes(key)) errors.push({ path: `filter.${key}`, reason: 'unknown field' });
        if (f.reactivation !== undefined && typeof f.reactivation !== 'boolean') errors.push({ path: 'filter.reactivation', reason: 'must be true or false' });
        else filter = parseTransitionFilter(f, 'filter.', errors);
      }
    }
    const start = await this.startKey(raw.from, 'from', errors, 'now');
    if (errors.length > 0 || url === null) throw new IntegrationRequestError(errors);
    const subscription = {
      id: `wh_${randomUUID()}`,
      url,
      filter,
      secret: `whsec_${randomBytes(32).toString('base64')}`,
      createdAt: new Date(this.now()).toISOString(),
      delivery: initialDelivery(start),
    };
    await this.store.create(subscription);
    return { ...toWebhookView({ ...subscription, generation: 0 }), secret: subscription.secret };
  }

  async list(): Promise<WebhookView[]> {
    return (await this.store.list()).map(toWebhookView);
  }

  async get(id: string): Promise<WebhookView> {
    return toWebhookView(await this.require(id));
  }

  async remove(id: string): Promise<void> {
    if (!(await this.store.remove(id))) throw new WebhookNotFoundError(id);
  }

  /** The undelivered events (after the checkpoint, or after `after` to page on), with the delivery state. */
  async failures(id: string, query: { limit?: string; after?: string }): Promise<WebhookFailures> {
    const errors: FieldError[] = [];
    const limit = query.limit === undefined || query.limit === '' ? 100 : /^\d{1,4}$/.test(query.limit) ? Number(query.limit) : NaN;
    if (!(limit >= 1 && limit <= MAX_FEED_LIMIT)) errors.push({ path: 'query.limit', reason: `must be an integer 1-${MAX_FEED_LIMIT}` });
    const after = this.cursor(query.after, 'query.after', errors);
    if (errors.length > 0) throw new IntegrationRequestError(errors);
    const sub = await this.require(id);
    const read = await this.feed.read(after ?? sub.delivery.checkpoint, sub.filter, limit);
    return {
      ...toWebhookView(sub),
      undelivered: read.items,
      nextCursor: read.items.length === limit ? cursorOf(read.next) : null,
    };
  }

  /**
   * Delivers again from `from` (a feed cursor, or "beginning"; default: the checkpoint, which
   * resumes a paused subscription), active again with a fresh attempt count.
   */
  async replay(id: string, from: string | undefined): Promise<WebhookView> {
    const errors: FieldError[] = [];
    const sub = await this.require(id);
    const start = await this.startKey(from, 'query.from', errors, sub.delivery.checkpoint);
    if (errors.length > 0) throw new IntegrationRequestError(errors);
    const reset = await this.store.resetDelivery(id, { ...initialDelivery(start), delivered: sub.delivery.delivered });
    if (!reset) throw new WebhookNotFoundError(id);
    return toWebhookView(reset);
  }

  private async startKey(value: unknown, path: string, errors: FieldError[], fallback: 'now' | TransitionKey | null): Promise<TransitionKey | null> {
    const now = async () => {
      const { checkpoint } = await this.readModel.loadMeta();
      return checkpoint === null ? null : endOfPosition(checkpoint);
    };
    if (value === undefined || value === '') return fallback === 'now' ? now() : fallback;
    if (value === 'now') return now();
    if (value === 'beginning') return null;
    if (typeof value !== 'string') {
      errors.push({ path, reason: 'must be "now", "beginning" or a cursor returned by this API' });
      return null;
    }
    return this.cursor(value, path, errors);
  }

  private cursor(value: string | undefined, path: string, errors: FieldError[]): TransitionKey | null {
    return parseFeedCursor(value, path, errors);
  }

  private async require(id: string): Promise<WebhookSubscription> {
    const sub = typeof id === 'string' && id.length <= 100 ? await this.store.get(id) : null;
    if (!sub) throw new WebhookNotFoundError(id);
    return sub;
  }
}
