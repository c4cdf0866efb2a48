import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { addDays } from '@lifecycle/domain';
import { CLOCK_STREAM } from '@lifecycle/event-store';
import { buildCli, cliEnv, removeBuiltCli, spawnCli } from '../support/cli.js';
import { purchaseBody } from '../support/envelopes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('keys CLI against a running service', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keys-cli-'));
  const dataDir = join(dir, 'data');
  let main = '';
  let t: TestApp;
  let admin = '';
  let ingest = '';

  const cli = async (args: string[]) => {
    const run = await spawnCli(main, args, dataDir);
    return { ...run, lines: run.stdout.split('\n').filter(Boolean) };
  };
  const as = (key: string) => ({ authorization: `Bearer ${key}` });
  const history = async () => (await t.events.readAll({ maxCount: 100_000 })).filter((e) => e.streamId !== 'lifecycle-admin').length;

  beforeAll(async () => {
    main = buildCli();
    const created = await cli(['keys', 'create', '--id', 'admin-1', '--roles', 'admin']);
    expect(created.status).toBe(0);
    admin = created.lines.at(-1) as string;
    ingest = (await cli(['keys', 'create', '--id', 'ingest-1', '--roles', 'ingest,audit'])).lines.at(-1) as string;
    t = await startTestApp({ DATA_DIR: dataDir });
  }, 120_000);

  afterAll(async () => {
    await t?.close({ keepData: true });
    removeBuiltCli();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the new key alone on the last line, lists keys without secrets, stores only hashes', async () => {
    expect(admin).toMatch(/^admin-1\.[\w-]{40,}$/);
    const another = await cli(['keys', 'create', '--id', 'shown-once', '--roles', 'query']);
    expect(another.lines).toHaveLength(1);
    expect(another.stderr).toContain('created key shown-once');
    expect(another.stderr).not.toContain((another.lines[0] as string).split('.')[1]);
    expect((await cli(['keys', 'revoke', '--id', 'shown-once'])).status).toBe(0);
    const listed = await cli(['keys', 'list']);
    expect(listed.lines.map((line) => JSON.parse(line))).toEqual([
      { id: 'admin-1', roles: ['admin'], createdAt: expect.any(String), revokedAt: null },
      { id: 'ingest-1', roles: ['ingest', 'audit'], createdAt: expect.any(String), revokedAt: null },
      { id: 'shown-once', roles: ['query'], createdAt: expect.any(String), revokedAt: expect.any(String) },
    ]);
    const file = readFileSync(join(dataDir, 'keys.json'), 'utf8');
    for (const key of [admin, ingest]) {
      expect(file).not.toContain(key.split('.')[1]);
      expect(listed.stdout).not.toContain(key.split('.')[1]);
    }
    const bad = await cli(['keys', 'create', '--id', 'x', '--roles', 'root']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--roles: unknown role\(s\) root/);
  }, 30_000);

  it('stops accepting a revoked key without a restart, and accepts a key created while running', async () => {
    expect((await t.request('POST', '/customers/cli-alice/purchases', purchaseBody('c-1', 100), as(ingest))).status).toBe(201);
    const revoked = await cli(['keys', 'revoke', '--id', 'ingest-1']);
    expect(revoked.status).toBe(0);
    let status = 0;
    for (let i = 0; i < 60 && status !== 401; i++) {
      status = (await t.request('GET', '/customers/cli-alice/history', undefined, as(ingest))).status;
      if (status !== 401) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(401);
    const late = (await cli(['keys', 'create', '--id', 'late-1', '--roles', 'query'])).lines.at(-1) as string;
    let lateStatus = 0;
    for (let i = 0; i < 60 && lateStatus !== 200; i++) {
      lateStatus = (await t.request('GET', '/segments', undefined, as(late))).status;
      if (lateStatus !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(lateStatus).toBe(200);
  }, 30_000);

  it('records key creation and revocation in the admin audit log (API and log export --admin)', async () => {
    const actor = `cli:${userInfo().username}`;
    const { body } = await t.request('GET', '/admin/audit-log', undefined, as(admin));
    const keyEntries = body.items.filter((e: { action: string }) => e.action.startsWith('keys.'));
    expect(keyEntries.map((e: { action: string; details: { id: string } }) => `${e.action} ${e.details.id}`)).toEqual([
      'keys.create admin-1', 'keys.create ingest-1', 'keys.create shown-once', 'keys.revoke shown-once', 'keys.revoke ingest-1', 'keys.create late-1',
    ]);
    expect(keyEntries.every((e: { actor: string; outcome: string }) => e.actor === actor && e.outcome === 'ok')).toBe(true);
    const exported = await cli(['log', 'export', '--admin']);
    expect(exported.lines.map((line) => JSON.parse(line).action)).toEqual(body.items.map((e: { action: string }) => e.action));
    expect(exported.stdout).not.toContain(admin.split('.')[1]);
  }, 30_000);

  it('refuses clock advance into the future with a non-zero exit, appending nothing', async () => {
    const before = await history();
    const refused = await cli(['clock', 'advance', '--until', addDays(new Date().toISOString().slice(0, 10), 2), '--no-wait']);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/until: .* more than 5 minutes after the server clock/);
    expect(await history()).toBe(before);
    expect(await t.events.streamRevision(CLOCK_STREAM)).toBe('no_stream');
  }, 30_000);

  it('refuses an import with --clock into a store whose clock is past the history, naming both dates', async () => {
    const advanced = await cli(['clock', 'advance', '--until', '2026-11-05', '--no-wait']);
    expect(JSON.parse(advanced.stdout)).toEqual({ ticks: 4, first: '2026-11-01', last: '2026-11-04' });
    const file = join(dir, 'old.ndjson');
    writeFileSync(file, `${JSON.stringify({ ...purchaseBody('old-1', 100, '1997-01-01T10:00:00.000Z'), type: 'PurchaseCompleted', customerId: 'old' })}\n`);
    const before = await history();
    const refused = await cli(['import', file, '--clock', '--no-wait']);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/clock is already at 2026-11-04, on or after 1997-01-01/);
    expect(await history()).toBe(before);
  }, 30_000);

  it('logs the start-up mode and key ids, never a key (the service as `npm start` runs it)', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const server = spawn(process.execPath, [join(main, '../../../api/src/main.js')], {
      env: cliEnv(join(dir, 'logged'), { API_KEYS_FILE: join(dataDir, 'keys.json'), PORT: String(port), PROJECTOR: 'off' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    server.stdout.on('data', (chunk) => (output += chunk));
    server.stderr.on('data', (chunk) => (output += chunk));
    try {
      for (let i = 0; i < 100 && !output.includes('customer lifecycle API on'); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(output).toContain('customer lifecycle API on');
      expect((await fetch(`http://127.0.0.1:${port}/admin/audit-log`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/admin/audit-log`, { headers: { authorization: `Bearer ${admin}x` } })).status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${port}/segments`, { headers: { 'x-api-key': ingest } })).status).toBe(401);
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('close', resolve));
    }
    expect(output).toMatch(/API key\(s\) from .*keys\.json/);
    for (const key of [admin, ingest]) expect(output).not.toContain(key.split('.')[1]);
  }, 30_000);
});
