import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMultiWriter } from '../../bench/src/multi-writer/multi-writer-run.js';
import { buildCli, cliEnv, removeBuiltCli } from '../support/cli.js';

describe('two API processes and a CLI import writing one data directory', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'multi-writer-e2e-'));

  afterAll(() => {
    removeBuiltCli();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keep every stream gapless, every refund after its order, every orderId unique, every chain intact, every accepted answer stored', async () => {
    const cliMain = buildCli();
    const report = await runMultiWriter({
      apiMain: cliMain.replace(/apps\/cli\/src\/main\.js$/, 'apps/api/src/main.js'),
      cliMain,
      dataDir,
      env: cliEnv(dataDir),
      writers: 2,
      loopsPerWriter: 6,
      // Few customers, so the writers and the import keep racing on the same streams.
      customers: 12,
      durationMs: 8_000,
      importEvents: 3_000,
      seed: 7,
    });

    expect(report.log.violations).toEqual([]);
    expect(report.load.serverErrors).toBe(0);
    expect(report.load.inconsistentAnswers).toBe(0);
    expect(report.load.staleRejections).toBe(0);
    // The run did write concurrently: answers from both writers and the import, on shared streams.
    expect(report.load.accepted).toBeGreaterThan(200);
    const imported = report.import as { appended: number; dayEnded: { ticks: number } };
    expect(imported.appended).toBeGreaterThan(1_000);
    expect(imported.dayEnded.ticks).toBeGreaterThan(100);
    expect(report.log.events).toBeGreaterThanOrEqual(report.load.accepted + imported.appended + imported.dayEnded.ticks);
  }, 90_000);
});
