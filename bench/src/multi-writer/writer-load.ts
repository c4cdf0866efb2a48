import { randomUUID } from 'node:crypto';
import { Prng } from '../workload/prng.js';

/** An answer of the service that said an event is in the log, to be found there afterwards. */
export interface AcceptedAnswer {
  eventId: string;
  streamId: string;
  revision: string;
  position: string;
}

export interface WriterLoadOptions {
  /** Base URLs of the writer processes; every loop sends to one, duplicates to another. */
  urls: string[];
  customers: number;
  /** Concurrent request loops per URL. */
  loopsPerUrl: number;
  durationMs: number;
  seed: number;
}

export interface WriterLoadResult {
  requests: number;
  accepted: AcceptedAnswer[];
  duplicates: number;
  rejected: Record<string, number>;
  /** Batches whose answer accepted a refund after rejecting the purchase it refunds. */
  inconsistentAnswers: number;
  /** Refunds rejected UNKNOWN_ORDER although their purchase had been accepted before they were sent (a stale cache's answer). */
  staleRejections: number;
  /** Answers with status >= 500 or a transport error. */
  serverErrors: number;
}

export const customerId = (n: number): string => `mw-${n}`;

const DAY_MS = 86_400_000;
/** All writers' events fall in 2025, after the import's first date, far from the future guard. */
const START = Date.parse('2025-01-01T00:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Concurrent dependent traffic on customers shared by every writer: batches of
 * [registration?, purchase, refund of that purchase], single purchases followed by their refund,
 * and some batches sent again to another writer (duplicates). Collects every accepted answer.
 */
export async function runWriterLoad(options: WriterLoadOptions): Promise<WriterLoadResult> {
  const result: WriterLoadResult = { requests: 0, accepted: [], duplicates: 0, rejected: {}, inconsistentAnswers: 0, staleRejections: 0, serverErrors: 0 };
  const deadline = Date.now() + options.durationMs;
  const post = async (url: string, path: string, body: unknown): Promise<{ status: number; body: any } | null> => {
    result.requests += 1;
    try {
      const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await response.text();
      if (response.status >= 500) result.serverErrors += 1;
      return { status: response.status, body: text ? JSON.parse(text) : null };
    } catch {
      result.serverErrors += 1;
      return null;
    }
  };
  const record = (answer: any): void => {
    if (answer?.status === 'accepted') {
      result.accepted.push({ eventId: answer.eventId, streamId: answer.streamId, revision: answer.revision, position: answer.position });
    } else if (answer?.status === 'duplicate') result.duplicates += 1;
    else if (answer?.status === 'rejected' || answer?.code) {
      const code = String(answer.code);
      result.rejected[code] = (result.rejected[code] ?? 0) + 1;
    }
  };

  const loop = async (urlIndex: number, loopIndex: number): Promise<void> => {
    const prng = new Prng(options.seed * 1000 + urlIndex * 100 + loopIndex);
    const random = (): number => prng.next();
    const url = options.urls[urlIndex]!;
    for (let i = 0; Date.now() < deadline; i++) {
      const customer = customerId(Math.floor(random() * options.customers));
      const orderId = `w${urlIndex}-${loopIndex}-${i}`;
      const at = START + Math.floor(random() * 300) * DAY_MS + Math.floor(random() * DAY_MS);
      const total = 1_000 + Math.floor(random() * 9_000);
      const purchase = {
        type: 'PurchaseCompleted', customerId: customer, eventId: randomUUID(), occurredAt: iso(at),
        data: { orderId, total: { amountMinor: total, currency: 'USD' }, salesChannel: 'ONLINE' },
      };
      const refund = {
        type: 'PurchaseRefunded', customerId: customer, eventId: randomUUID(), occurredAt: iso(at + 60_000),
        data: { refundId: randomUUID(), orderId, amount: { amountMinor: Math.floor(total / 2), currency: 'USD' }, reason: 'RETURN' },
      };
      if (random() < 0.7) {
        const registration = {
          type: 'CustomerRegistered', customerId: customer, eventId: randomUUID(), occurredAt: iso(at - 60_000),
          data: { kind: 'CONSUMER', relation: 'END_CUSTOMER' },
        };
        const batch = random() < 0.3 ? [registration, purchase, refund] : [purchase, refund];
        const answer = await post(url, '/events', batch);
        const results: any[] = answer?.body?.results ?? [];
        results.forEach(record);
        const [p, r] = results.slice(-2);
        if (r?.status === 'accepted' && p?.status === 'rejected') result.inconsistentAnswers += 1;
        // The same batch again through another writer: every event is a duplicate or rejected, never stored twice.
        if (options.urls.length > 1 && random() < 0.15) {
          const again = await post(options.urls[(urlIndex + 1) % options.urls.length]!, '/events', batch);
          ((again?.body?.results ?? []) as any[]).forEach(record);
        }
      } else {
        const { type: _p, customerId: _c, ...purchaseBody } = purchase;
        const { type: _r, customerId: _c2, ...refundBody } = refund;
        const bought = await post(url, `/customers/${customer}/purchases`, purchaseBody);
        record(bought?.body);
        // Through the other writer, which may not have seen the purchase in its cache yet.
        const other = options.urls[(urlIndex + loopIndex + 1) % options.urls.length]!;
        const refunded = await post(other, `/customers/${customer}/refunds`, refundBody);
        record(refunded?.body);
        if (refunded?.status === 201 && bought?.status !== 201 && bought?.status !== 200) result.inconsistentAnswers += 1;
        if (bought?.status === 201 && refunded?.body?.code === 'UNKNOWN_ORDER') result.staleRejections += 1;
      }
    }
  };

  const loops: Array<Promise<void>> = [];
  options.urls.forEach((_, u) => {
    for (let l = 0; l < options.loopsPerUrl; l++) loops.push(loop(u, l));
  });
  await Promise.all(loops);
  return result;
}

/**
 * An import file (sorted by occurredAt) for the same customers: registration, purchases and
 * refunds of the import's own orders, so the CLI import writes beside the writers.
 */
export function importLines(options: { customers: number; events: number; seed: number }): string[] {
  const prng = new Prng(options.seed);
  const random = (): number => prng.next();
  const lines: string[] = [];
  const spacing = Math.max(1, Math.floor((300 * DAY_MS) / options.events));
  let at = START;
  for (let i = 0; lines.length < options.events; i++) {
    const customer = customerId(Math.floor(random() * options.customers));
    const orderId = `import-${i}`;
    const total = 1_000 + Math.floor(random() * 9_000);
    at += spacing;
    lines.push(JSON.stringify({
      type: 'PurchaseCompleted', customerId: customer, eventId: randomUUID(), occurredAt: iso(at),
      data: { orderId, total: { amountMinor: total, currency: 'USD' }, salesChannel: 'STORE' },
    }));
    at += spacing;
    lines.push(JSON.stringify({
      type: 'PurchaseRefunded', customerId: customer, eventId: randomUUID(), occurredAt: iso(at),
      data: { refundId: randomUUID(), orderId, amount: { amountMinor: total, currency: 'USD' }, reason: 'CANCEL' },
    }));
  }
  return lines;
}
