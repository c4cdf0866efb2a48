import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli, cliEnv, removeBuiltCli } from '../support/cli.js';
import { purchaseBody } from '../support/envelopes.js';
import { freePort } from '../support/free-port.js';

/** The built API with LOG_FORMAT=json: every stdout line is JSON; every request line carries its request id. */
describe('structured logs (LOG_FORMAT=json)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lifecycle-logs-'));
  let api: ChildProcess;
  let stdout = '';
  let base: string;

  beforeAll(async () => {
    const main = buildCli().replace(/apps\/cli\/src\/main\.js$/, 'apps/api/src/main.js');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = spawn(process.execPath, [main], { env: cliEnv(dataDir, { PORT: String(port), HOST: '127.0.0.1', LOG_FORMAT: 'json' }), stdio: ['ignore', 'pipe', 'pipe'] });
    api.stdout?.on('data', (chunk) => (stdout += chunk));
    for (let i = 0; i < 100 && !stdout.includes('api.started'); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  }, 30_000);

  afterAll(async () => {
    if (api.exitCode === null) {
      const exit = new Promise((resolve) => api.once('exit', resolve));
      api.kill('SIGTERM');
      await exit;
    }
    removeBuiltCli();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs one JSON line per request with its id, echoes X-Request-Id, and makes it the correlationId', async () => {
    const given = await fetch(`${base}/customers/lou/purchases`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'req-given-1' }, body: JSON.stringify(purchaseBody('R-1', 100)),
    });
    expect(given.status).toBe(201);
    expect(given.headers.get('x-request-id')).toBe('req-given-1');
    const generated = await fetch(`${base}/customers/nobody`);
    expect(generated.status).toBe(404);
    const generatedId = generated.headers.get('x-request-id');
    expect(generatedId).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await fetch(`${base}/segments`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(unsafe.headers.get('x-request-id')).not.toBe('bad id with spaces');
    const history = (await (await fetch(`${base}/customers/lou/history`)).json()) as { items: Array<{ metadata: Record<string, string> }> };
    expect(history.items[0].metadata.correlationId).toBe('req-given-1');
    await new Promise((resolve) => setTimeout(resolve, 100));

    const lines = stdout.split('\n').filter((line) => line !== '');
    const parsed = lines.map((line) => {
      try {
        return JSON.parse(line);
      } catch {
        throw new Error(`not a JSON line: ${line}`);
      }
    });
    const requests = parsed.filter((entry) => entry.event === 'http.request');
    expect(requests.length).toBe(4);
    for (const entry of requests) expect(entry).toMatchObject({ requestId: expect.any(String), method: expect.any(String), status: expect.any(Number), durationMs: expect.any(Number) });
    expect(requests.map((r) => [r.requestId, r.route, r.status])).toEqual([
      ['req-given-1', '/customers/:customerId/:kind', 201],
      [generatedId, '/customers/:customerId', 404],
      [unsafe.headers.get('x-request-id'), '/segments', 200],
      [expect.any(String), '/customers/:customerId/history', 200],
    ]);
    expect(parsed.find((entry) => entry.event === 'api.started')).toMatchObject({ level: 30, port: Number(base.split(':').pop()) });
  });
});
