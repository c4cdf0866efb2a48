import { setTimeout as delay } from 'node:timers/promises';
import {
  compareKeys, keyOf, type QueryStore, type DeliveryState, type TransitionKey, type WebhookStore, type WebhookSubscription,
} from '@lifecycle/read-model';
import { type IntegrationEvent, toIntegrationEvent } from '../integration-event.js';
import { TransitionFeed } from '../transition-feed.js';
import { type WebhookConfig, retryDelay } from './webhook-config.js';
import { batchMessageId, signedHeaders, type WebhookBatch } from './webhook-payload.js';

export interface DispatcherDeps {
  now?: () => number;
  random?: () => number;
  log?: (level: 'log' | 'warn', message: string) => void;
}

/** How often the dispatcher looks for subscriptions created, resumed or removed (by any process). */
const LIST_POLL_MS = 200;

/**
 * Delivers the integration events to every active subscription, each in its own loop, reading
 * the transition log on its own (never in the projector's path, so a slow or dead receiver
 * slows nothing else). One batch in flight per subscription, in log order, so each customer's
 * events arrive in order. The batch is recorded (inflight) before its first attempt and the
 * checkpoint moves only after a 2xx: a crash at any moment redelivers the same batch with the
 * same webhook-id, and loses nothing.
 */
export class WebhookDispatcher {
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly workers = new Map<string, Promise<void>>();
  private readonly abort = new AbortController();
  private readonly feed: TransitionFeed;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly log: NonNullable<DispatcherDeps['log']>;

  constructor(
    private readonly store: WebhookStore,
    private readonly readModel: QueryStore,
    private readonly config: WebhookConfig,
    deps: DispatcherDeps = {},
  ) {
    this.feed = new TransitionFeed(readModel);
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.log = deps.log ?? (() => undefined);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.watch();
  }

  /** Stops every loop; an attempt in flight is aborted (its batch is delivered again on the next start). */
  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    await this.loop;
    await Promise.allSettled([...this.workers.values()]);
  }

  private async watch(): Promise<void> {
    while (this.running) {
      try {
        for (const sub of await this.store.list()) {
          if (sub.delivery.status !== 'active' || this.workers.has(sub.id)) continue;
          const worker = this.work(sub.id).catch((error: unknown) => this.log('warn', `webhook ${sub.id}: ${(error as Error).message}`));
          this.workers.set(sub.id, worker.finally(() => this.workers.delete(sub.id)));
        }
      } catch (error) {
        this.log('warn', `webhook subscriptions unreadable: ${(error as Error).message}`);
      }
      await this.sleep(LIST_POLL_MS);
    }
  }

  /** One subscription's loop; returns when it is paused or removed (the watcher restarts it once resumed). */
  private async work(id: string): Promise<void> {
    // Where the next read starts: past the checkpoint when reads found nothing matching (memory only).
    let scanFrom: TransitionKey | null | undefined;
    let generation = -1;
    while (this.running) {
      const sub = await this.store.get(id);
      if (!sub || sub.delivery.status !== 'active') return;
      if (sub.generation !== generation) {
        generation = sub.generation;
        scanFrom = sub.delivery.checkpoint;
      }
      const d = sub.delivery;
      const wait = d.nextAttemptAt === null ? 0 : d.nextAttemptAt - this.now();
      if (wait > 0) {
        await this.sleep(Math.min(wait, LIST_POLL_MS));
        continue;
      }
      let events: IntegrationEvent[];
      let inflight = d.inflight;
      if (inflight !== null) {
        events = await this.inflightBatch(sub, inflight);
      } else {
        const read = await this.feed.read(scanFrom ?? null, sub.filter, this.config.batchSize);
        events = read.items;
        if (events.length === 0) {
          scanFrom = read.next;
          await this.sleep(this.config.pollMs);
          continue;
        }
        inflight = keyOfEvent(events[events.length - 1]);
        if (!(await this.store.saveDelivery(id, generation, { ...d, inflight }))) continue;
      }
      if (events.length === 0) {
        // The in-flight batch is gone from the log (nothing matches any more): nothing to deliver.
        await this.store.saveDelivery(id, generation, { ...d, checkpoint: inflight, inflight: null });
        continue;
      }
      const outcome = await this.attempt(sub, events);
      const at = this.now();
      let next: DeliveryState;
      if (outcome === null) {
        next = { ...d, status: 'active', checkpoint: inflight, inflight: null, attempts: 0, nextAttemptAt: null, lastError: null, lastAttemptAt: at, delivered: d.delivered + events.length };
        scanFrom = inflight;
      } else {
        const attempts = d.attempts + 1;
        const paused = attempts >= this.config.maxAttempts;
        next = {
          ...d, inflight, attempts, lastError: outcome, lastAttemptAt: at,
          status: paused ? 'paused' : 'active', nextAttemptAt: paused ? null : at + retryDelay(attempts, this.config, this.random),
        };
        if (paused) this.log('warn', `webhook ${id} paused after ${attempts} failed attempts: ${outcome}`);
      }
      if (!this.running && outcome !== null) return;
      await this.store.saveDelivery(id, generation, next);
    }
  }

  /** Exactly the batch recorded before the first attempt: the matching transitions in (checkpoint, inflight]. */
  private async inflightBatch(sub: WebhookSubscription, inflight: TransitionKey): Promise<IntegrationEvent[]> {
    const meta = await this.readModel.loadMeta();
    const rows = await this.readModel.transitionsAfter(sub.delivery.checkpoint, inflight.position, sub.filter, this.config.batchSize);
    return rows.filter((tr) => compareKeys(keyOf(tr), inflight) <= 0).map((tr) => toIntegrationEvent(tr, meta.rulesVersion ?? ''));
  }

  /** One POST; null when the receiver answered 2xx, else why not. */
  private async attempt(sub: WebhookSubscription, events: IntegrationEvent[]): Promise<string | null> {
    const batch: WebhookBatch = { type: 'lifecycle.transitions', subscriptionId: sub.id, events };
    const body = JSON.stringify(batch);
    const messageId = batchMessageId(sub.id, sub.generation, events);
    try {
      const response = await fetch(sub.url, {
        method: 'POST',
        body,
        headers: { ...signedHeaders(sub.secret, messageId, new Date(this.now()), body), 'user-agent': 'customer-lifecycle-webhooks' },
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(this.config.timeoutMs), this.abort.signal]),
      });
      await response.body?.cancel().catch(() => undefined);
      return response.status >= 200 && response.status < 300 ? null : `HTTP ${response.status}`;
    } catch (error) {
      const e = error as Error & { cause?: { code?: string; message?: string } };
      if (e.name === 'TimeoutError') return `timeout after ${this.config.timeoutMs} ms`;
      return e.cause?.code ?? e.cause?.message ?? e.message;
    }
  }

  private async sleep(ms: number): Promise<void> {
    // Unref'd: an idle dispatcher alone never keeps a process alive.
    await delay(ms, undefined, { signal: this.abort.signal, ref: false }).catch(() => undefined);
  }
}

const keyOfEvent = (event: IntegrationEvent): TransitionKey =>
  keyOf({ position: BigInt(event.position), field: event.field, customerId: event.customerId });
