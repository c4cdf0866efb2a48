import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BenchContext } from '../context.js';
import { runPaced } from '../load/paced-load.js';
import { startServer } from '../load/server-process.js';
import { figure, type ScenarioResult } from '../report/figures.js';
import { quantile } from '../report/stats.js';
import { tempDir } from '../temp-dir.js';
import { routeRequests } from '../workload/route-requests.js';

interface Receipt {
  at: number;
  events: Array<{ id: string; cause: { eventId?: string } }>;
}

/** A webhook receiver in the bench process (the clock of the load generator): records when each batch arrived. */
async function startReceiver(): Promise<{ url: string; receipts: Receipt[]; close: () => Promise<void> }> {
  const receipts: Receipt[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = performance.now();
      receipts.push({ at, events: (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: Receipt['events'] }).events });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    receipts,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function post(base: string, path: string, body: object): Promise<{ id: string }> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string };
}

const distinctEvents = (receipts: Receipt[]): number => new Set(receipts.flatMap((r) => r.events.map((e) => e.id))).size;

async function waitFor(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!done() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return done();
}

/**
 * 8: the real app (projector and webhook delivery in the API process, default settings: batches
 * of up to 100, 25 ms poll) takes single events at a steady rate while a subscription delivers
 * every transition to a receiver on loopback. Latency: from the ingest answer to the arrival of
 * the first webhook carrying a transition the event caused. Throughput: a second subscription
 * replays the whole log from the beginning; events delivered per second.
 */
export async function webhookDelivery(ctx: BenchContext): Promise<ScenarioResult> {
  const { lagSeconds, lagRate, warmupSeconds } = ctx.sizes;
  const dir = tempDir('webhook-delivery');
  const server = await startServer({ module: 'app-server.js', cpuProfDir: ctx.cpuProfDir, env: { BENCH_DATA_DIR: dir.path, BENCH_PROJECTOR: 'on' } });
  const live = await startReceiver();
  const replay = await startReceiver();
  try {
    await runPaced(server.url, routeRequests(warmupSeconds * lagRate, 97, 'whw'), lagRate);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await post(server.url, '/admin/webhooks', { url: live.url, from: 'now' });
    const requests = routeRequests(lagSeconds * lagRate, 98, 'wh');
    const eventIds = requests.map((r) => (JSON.parse(r.body as string) as { eventId: string }).eventId);
    const answeredAt = new Map<string, number>();
    ctx.progress(`8: ${lagRate} events/s for ${lagSeconds} s with a webhook subscription, then a replay of the whole log`);
    const load = await runPaced(server.url, requests, lagRate, (index, at, status) => {
      if (status === 201) answeredAt.set(eventIds[index], at);
    });
    const firstReceipt = new Map<string, number>();
    const settled = await waitFor(() => {
      for (const receipt of live.receipts) {
        for (const e of receipt.events) {
          const id = e.cause.eventId;
          if (id !== undefined && answeredAt.has(id) && !firstReceipt.has(id)) firstReceipt.set(id, receipt.at);
        }
      }
      return firstReceipt.size >= answeredAt.size;
    }, 30_000);
    const latencies = [...firstReceipt].map(([id, at]) => at - (answeredAt.get(id) as number));
    const liveBatches = live.receipts.map((r) => r.events.length);

    const started = performance.now();
    await post(server.url, '/admin/webhooks', { url: replay.url, from: 'beginning' });
    const expected = await countFeed(server.url);
    const drained = await waitFor(() => distinctEvents(replay.receipts) >= expected, 60_000);
    const replaySeconds = (replay.receipts.at(-1)?.at ?? performance.now()) - started;

    return {
      id: 'webhook-delivery',
      title: `8 webhook delivery at ${lagRate.toLocaleString('en-US')} events/s`,
      figures: [
        figure('ingest achieved', (load.statusCodes['201'] ?? 0) / load.seconds, 'events/s'),
        figure('ingest answer → webhook received p50', quantile(latencies, 0.5), 'ms', { note: settled ? undefined : `${answeredAt.size - firstReceipt.size} not delivered within 30 s` }),
        figure('ingest answer → webhook received p99', quantile(latencies, 0.99), 'ms'),
        figure('ingest answer → webhook received max', latencies.length ? Math.max(...latencies) : Number.NaN, 'ms'),
        figure('live batch size mean', liveBatches.reduce((a, b) => a + b, 0) / Math.max(1, liveBatches.length), 'events'),
        figure('replay of the whole log: delivery throughput', expected / (replaySeconds / 1000), 'events/s', { note: drained ? `${expected} events` : `only ${distinctEvents(replay.receipts)} of ${expected} within 60 s` }),
      ],
      details: {
        rate: lagRate, seconds: lagSeconds, accepted: answeredAt.size, measured: latencies.length, liveMessages: live.receipts.length,
        replayEvents: expected, replayMessages: replay.receipts.length, replaySeconds: replaySeconds / 1000,
        ingestLatencyMs: { p50: quantile(load.latenciesMs, 0.5), p99: quantile(load.latenciesMs, 0.99) },
      },
    };
  } finally {
    await server.stop();
    await live.close();
    await replay.close();
    dir.remove();
  }
}

/** How many integration events the log holds (every page of GET /feed). */
async function countFeed(base: string): Promise<number> {
  let count = 0;
  let after = '';
  for (;;) {
    const page = (await (await fetch(`${base}/feed?limit=1000${after ? `&after=${after}` : ''}`)).json()) as { items: unknown[]; nextCursor: string };
    if (page.items.length === 0) return count;
    count += page.items.length;
    after = page.nextCursor;
  }
}
