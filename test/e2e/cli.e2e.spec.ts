import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { writeCdnowSubset } from '../support/cdnow.js';
import { buildCli, cliEnv, removeBuiltCli } from '../support/cli.js';

describe('CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-e2e-'));
  const dataDir = join(dir, 'data');
  const slice = join(dir, 'slice.ndjson');

  let main = '';
  const cli = (args: string[], env: Record<string, string> = {}) => {
    const run = spawnSync(process.execPath, [main, ...args], {
      env: cliEnv(dataDir, env),
      encoding: 'utf8',
      timeout: 120_000,
      maxBuffer: 256 * 1024 * 1024,
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr, lines: run.stdout.split('\n').filter(Boolean) };
  };

  beforeAll(async () => {
    // The compiled CLI, run as a user runs it (`npm run cli` builds, then runs the same file).
    main = buildCli();
    await writeCdnowSubset(slice, (line) => line <= 5_000);
  }, 120_000);

  afterAll(() => {
    removeBuiltCli();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports, exports, verifies, detects a tampered profile, rebuilds, and exports the log', () => {
    const imported = cli(['import', slice, '--clock', '--until', '1997-03-01']);
    expect(imported.status).toBe(0);
    const summary = JSON.parse(imported.stdout);
    expect(summary).toMatchObject({ read: 5_000, rejectedTotal: expect.any(Number) });
    expect(BigInt(summary.projectedTo)).toBeGreaterThan(5_000n);

    const exported = cli(['customers', 'export']);
    const ids = exported.lines.map((line) => (JSON.parse(line) as { customerId: string }).customerId);
    expect(ids).toEqual([...ids].sort());
    const segments = JSON.parse(cli(['segments']).stdout);
    expect(segments.customers).toBe(ids.length);

    const clean = cli(['projections', 'verify']);
    expect(clean.status).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ ok: true, mismatches: [], brokenLinks: [] });

    const victim = ids[0];
    const db = new Database(join(dataDir, 'read-model.v1.sqlite'));
    const honest = (db.prepare('SELECT state FROM customers WHERE customer_id = ?').pluck().get(victim) as string);
    db.prepare("UPDATE customers SET state = json_set(state, '$.status', 'CHURNED') WHERE customer_id = ?").run(victim);
    db.close();
    const tampered = cli(['projections', 'verify', '--format', 'table']);
    expect(tampered.status).toBe(1);
    expect(tampered.lines).toContain(`mismatch customer=${victim} field=status live="CHURNED" replayed=${JSON.stringify(JSON.parse(honest).status)}`);

    const rebuilt = cli(['projections', 'rebuild']);
    expect(rebuilt.status).toBe(0);
    expect(JSON.parse(rebuilt.stdout)).toMatchObject({ state: 'done', fromVersion: 'v1', toVersion: 'v2', error: null });
    expect(cli(['projections', 'verify']).status).toBe(0);
    expect(cli(['customers', 'export']).stdout).toBe(exported.stdout);

    const log = cli(['log', 'export', '--customer', victim]).lines.map((line) => JSON.parse(line) as { type: string; customerId?: string });
    expect(log.some((e) => e.type === 'DayEnded')).toBe(true);
    expect(log.filter((e) => e.type !== 'DayEnded').every((e) => e.customerId === victim)).toBe(true);
  }, 180_000);

  it('stops on a bad setting with one line naming the variable', () => {
    const run = cli(['segments'], { BASE_CURRENCY: 'usd', PROJECTOR_BATCH_SIZE: '0' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/BASE_CURRENCY: BASE_CURRENCY must be an ISO-4217 code/);
    expect(run.stderr).toMatch(/PROJECTOR_BATCH_SIZE/);
  });
});
