import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedDelivery {
  webhookId: string;
  timestamp: string;
  headers: Record<string, string>;
  body: string;
  /** What the receiver answered. */
  answered: Behaviour;
}

/** How the receiver answers a request: a status, or never (until the sender times out). */
export type Behaviour = number | 'hang';

/**
 * A webhook receiver on 127.0.0.1: answers by a plan (then `otherwise`), records every complete
 * request, and verifies signatures with the standardwebhooks library's own verifier.
 */
export class WebhookReceiver {
  readonly deliveries: ReceivedDelivery[] = [];
  plan: Behaviour[] = [];
  otherwise: Behaviour = 204;
  /** Answer delay for the requests answered, to widen the window in which a sender can crash. */
  delayMs: () => number = () => 0;
  private server: Server | null = null;
  private readonly hung = new Set<ServerResponse>();

  async listen(port = 0): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(port, '127.0.0.1', () => resolve());
    });
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/hooks`;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const behaviour = this.plan.length > 0 ? (this.plan.shift() as Behaviour) : this.otherwise;
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      this.deliveries.push({ webhookId: headers['webhook-id'], timestamp: headers['webhook-timestamp'], headers, body, answered: behaviour });
      if (behaviour === 'hang') {
        this.hung.add(res);
        return;
      }
      setTimeout(() => res.writeHead(behaviour).end(), this.delayMs());
    });
  }

  /** The accepted (2xx) deliveries, each verified with the secret; throws on a bad signature. */
  accepted(secret: string): Array<{ webhookId: string; events: any[] }> {
    const verifier = new Webhook(secret);
    return this.deliveries
      .filter((d) => typeof d.answered === 'number' && d.answered >= 200 && d.answered < 300)
      .map((d) => ({ webhookId: d.webhookId, events: (verifier.verify(d.body, d.headers) as { events: any[] }).events }));
  }

  /** Distinct events accepted, in order of first receipt. */
  acceptedEvents(secret: string): any[] {
    const seen = new Map<string, any>();
    for (const d of this.accepted(secret)) for (const e of d.events) if (!seen.has(e.id)) seen.set(e.id, e);
    return [...seen.values()];
  }

  async close(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    const server = this.server;
    this.server = null;
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

/** A loopback port on which nothing listens (until someone does): connections are refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Each customer's events in the order received, as indexes into the feed's order: must be increasing. */
export function perCustomerOrderKept(received: any[], feed: any[]): boolean {
  const index = new Map(feed.map((e, i) => [e.id, i]));
  const last = new Map<string, number>();
  for (const e of received) {
    const i = index.get(e.id) as number;
    if ((last.get(e.customerId) ?? -1) >= i) return false;
    last.set(e.customerId, i);
  }
  return true;
}
