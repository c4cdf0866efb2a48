import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli, cliEnv, removeBuiltCli } from '../support/cli.js';
import { purchaseBody } from '../support/envelopes.js';
import { readWholeFeed } from '../support/integration-feed.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { perCustomerOrderKept, until, WebhookReceiver } from '../support/webhook-receiver.js';

const KILLS = 20;
const CUSTOMERS = 30;
const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The delivering process (apps/projector, compiled) is killed with SIGKILL at random moments
 * while events keep arriving; afterwards every event must have been delivered at least once, in
 * order per customer, a redelivered event always inside the same message (same webhook-id).
 */
describe('webhook delivery survives kill -9 of the delivering process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'webhook-crash-'));
  let api: TestApp;
  let main: string;
  const receiver = new WebhookReceiver();
  let output = '';
  const spawnProjector = () => {
    const child = spawn(process.execPath, [main], {
      env: cliEnv(dataDir, { WEBHOOK_BATCH_SIZE: '5', WEBHOOK_POLL_MS: '5', WEBHOOK_BACKOFF_BASE_MS: '10', WEBHOOK_BACKOFF_MAX_MS: '50', WEBHOOK_TIMEOUT_MS: '1000', WEBHOOK_MAX_ATTEMPTS: '1000' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const ready = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 10_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk;
        if (String(chunk).includes('projecting (')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', () => resolve());
    });
    child.stderr?.on('data', (chunk) => (output += chunk));
    return Object.assign(child, { ready });
  };

  beforeAll(async () => {
    main = buildCli().replace(/apps\/cli\/src\/main\.js$/, 'apps/projector/src/main.js');
    api = await startTestApp({ DATA_DIR: dataDir, PROJECTOR: 'off' });
    receiver.delayMs = () => Math.floor(Math.random() * 15);
    await receiver.listen();
  }, 60_000);

  afterAll(async () => {
    await api.close();
    await receiver.close();
    removeBuiltCli();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`delivers every event at least once, in order per customer, across ${KILLS} kills`, async () => {
    const created = await api.request('POST', '/admin/webhooks', { url: receiver.url, from: 'beginning' });
    expect(created.status).toBe(201);
    const { secret } = created.body as { secret: string };

    let ingesting = true;
    const ingestion = (async () => {
      for (let round = 0; round < 3; round += 1) {
        for (let c = 0; c < CUSTOMERS && ingesting; c += 1) {
          const id = `c${c}`;
          const response = round === 0
            ? await api.request('POST', `/customers/${id}/registration`, { eventId: randomUUID(), occurredAt: '2025-01-01T09:00:00Z', data: { kind: 'CONSUMER', relation: 'END_CUSTOMER' } })
            : await api.request('POST', `/customers/${id}/purchases`, purchaseBody(`${id}-${round}`, 500 * (c + 1), `2025-0${round + 1}-0${(c % 9) + 1}T10:00:00Z`));
          expect(response.status).toBe(201);
          await sleep(60);
        }
      }
    })();

    let kills = 0;
    for (let i = 0; i < KILLS; i += 1) {
      const child = spawnProjector();
      // Most kills land while it delivers (after its start), some while it starts.
      if (i % 4 === 3) await sleep(Math.floor(Math.random() * 700));
      else {
        await child.ready;
        await sleep(Math.floor(Math.random() * 500));
      }
      // A child that died by itself would not count as a kill (and would fail the test below).
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        kills += 1;
      }
      await exited(child);
    }
    ingesting = false;
    await ingestion;
    const duringKills = receiver.accepted(secret).length;
    if (kills < 20 || /ERROR/.test(output)) process.stderr.write(`[webhook-crash] ${kills} kills; output:\n${output.slice(-3000)}\n`);
    expect(kills).toBeGreaterThanOrEqual(20);
    expect(output).not.toMatch(/ERROR/);

    const last = spawnProjector();
    try {
      await last.ready;
      const head = (await api.events.headPosition()).toString();
      // minPosition waits 5 s at most (then 503): a loaded machine may need longer to catch up.
      const caughtUp = await until(() => api.request('GET', `/customers/c0?minPosition=${head}`), (r) => r.status === 200, 20_000);
      expect(caughtUp.status).toBe(200);
      const feed = (await readWholeFeed(api)).items;
      expect(feed.length).toBeGreaterThan(CUSTOMERS * 2);
      await until(() => receiver.acceptedEvents(secret).length, (n) => n >= feed.length, 20_000);
      if (receiver.acceptedEvents(secret).length < feed.length) {
        const state = (await api.request('GET', '/admin/webhooks')).body;
        process.stderr.write(`[webhook-crash] stalled: ${JSON.stringify(state)}\n${output.slice(-3000)}\n`);
      }

      const accepted = receiver.accepted(secret);
      const distinct = receiver.acceptedEvents(secret);
      expect(distinct.map((e) => e.id).sort()).toEqual(feed.map((e) => e.id).sort());
      expect(perCustomerOrderKept(distinct, feed)).toBe(true);
      // A message delivered again is the same message: each event travels under one webhook-id.
      const messagesOf = new Map<string, Set<string>>();
      for (const d of accepted) for (const e of d.events) messagesOf.set(e.id, (messagesOf.get(e.id) ?? new Set()).add(d.webhookId));
      expect([...messagesOf.values()].filter((ids) => ids.size > 1)).toEqual([]);
      const duplicates = accepted.reduce((n, d) => n + d.events.length, 0) - distinct.length;
      process.stderr.write(`[webhook-crash] ${kills} kills, ${feed.length} events, ${accepted.length} messages accepted (${duringKills} before the last start), ${duplicates} events redelivered\n`);
    } finally {
      last.kill('SIGTERM');
      await exited(last);
    }
  }, 60_000);
});
