import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCdnowSubset } from '../support/cdnow.js';
import { buildCli, cliEnv, removeBuiltCli } from '../support/cli.js';

/** The CLI as a command-line contract: stdout holds only results, errors exit non-zero, README recipes give valid files. */
describe('CLI contract', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-contract-'));
  const dataDir = join(dir, 'data');
  const slice = join(dir, 'slice.ndjson');
  let main = '';
  const cli = (args: string[], env: Record<string, string> = {}) => {
    const run = spawnSync(process.execPath, [main, ...args], { env: cliEnv(env.DATA_DIR ?? dataDir, env), encoding: 'utf8', timeout: 60_000 });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  beforeAll(async () => {
    main = buildCli();
    await writeCdnowSubset(slice, (line) => line <= 1_000);
  }, 60_000);
  afterAll(() => {
    removeBuiltCli();
    rmSync(dir, { recursive: true, force: true });
  });

  it('README recipes, run as written with `npx lifecycle` (CDNOW replaced by a slice), produce valid JSON and NDJSON', () => {
    const readme = readFileSync('README.md', 'utf8');
    // The quick start's CDNOW recipes (the key commands of Access control are tested in keys-cli).
    const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Configuration'));
    const recipes = quickStart.split('\n').filter((line) => line.startsWith('npx lifecycle '));
    expect(recipes.length).toBeGreaterThanOrEqual(4);
    const outputs: string[] = [];
    try {
      for (const recipe of recipes) {
        const command = recipe.replace('../shared/data/cdnow/events.ndjson.gz', slice);
        const run = spawnSync('sh', ['-c', command], { cwd: process.cwd(), env: cliEnv(dataDir), encoding: 'utf8', timeout: 120_000 });
        expect([recipe, run.status, run.stderr.includes('Error')]).toEqual([recipe, 0, false]);
        const target = / > (\S+)$/.exec(recipe)?.[1];
        const text = target ? readFileSync(target, 'utf8') : run.stdout;
        if (target) outputs.push(target);
        if (target?.endsWith('.ndjson')) {
          const lines = text.trimEnd().split('\n');
          expect(lines.length).toBeGreaterThan(100);
          for (const line of lines) expect(typeof JSON.parse(line)).toBe('object');
        } else if (target?.endsWith('.json')) {
          expect(typeof JSON.parse(text)).toBe('object');
        } else {
          expect(text).toMatch(/^ok: checkpoint \d+/m);
        }
      }
    } finally {
      for (const file of outputs) rmSync(file, { force: true });
    }
  }, 120_000);

  it('prints its version, rejects bad options and refuses reads of a missing DATA_DIR', () => {
    const version = cli(['--version']);
    expect([version.status, version.stdout.trim()]).toEqual([0, JSON.parse(readFileSync('package.json', 'utf8')).version]);
    const badSize = cli(['import', slice, '--batch-size', 'abc']);
    expect(badSize.status).not.toBe(0);
    expect(badSize.stderr).toMatch(/--batch-size.*must be a positive integer/);
    expect(badSize.stdout).toBe('');
    expect(cli(['segments', '--format', 'xml']).stderr).toMatch(/--format.*json, table/);
    const missing = join(dir, 'nowhere');
    for (const args of [['customers', 'export'], ['projections', 'verify']]) {
      const run = cli(args, { DATA_DIR: missing });
      expect([args.join(' '), run.status, run.stdout]).toEqual([args.join(' '), 1, '']);
      expect(run.stderr).toMatch(/holds no event log/);
    }
    expect(existsSync(missing)).toBe(false);
  });

  it('formats segments as a table or JSON, every bucket listed, and exits 1 for an unknown --customer', () => {
    const table = cli(['segments', '--format', 'table']);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^field\s+value\s+customers$/m);
    expect(table.stdout).toMatch(/^status\s+PROSPECT\s+\d+$/m);
    const json = JSON.parse(cli(['segments']).stdout);
    expect(Object.keys(json.status)).toEqual(['PROSPECT', 'QUALIFIED', 'NEW', 'ACTIVE', 'AT_RISK', 'INACTIVE', 'CHURNED']);
    const unknown = cli(['log', 'export', '--customer', 'nobody-at-all']);
    expect([unknown.status, unknown.stdout]).toEqual([1, '']);
    expect(unknown.stderr).toMatch(/no customer nobody-at-all/);
  });
});
