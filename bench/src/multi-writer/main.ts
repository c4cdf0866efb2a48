import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runMultiWriter } from './multi-writer-run.js';

/**
 * The longer multi-writer run: `npm run bench:multi-writer -- --writers 3 --seconds 120`.
 * Prints the report as JSON and exits 1 when any invariant was violated.
 */
const { values } = parseArgs({
  options: {
    writers: { type: 'string', default: '2' },
    seconds: { type: 'string', default: '60' },
    customers: { type: 'string', default: '200' },
    loops: { type: 'string', default: '8' },
    'import-events': { type: 'string', default: '20000' },
    seed: { type: 'string', default: '1' },
  },
});
const dist = fileURLToPath(new URL('../../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'multi-writer-'));
try {
  const report = await runMultiWriter({
    apiMain: join(dist, 'apps/api/src/main.js'),
    cliMain: join(dist, 'apps/cli/src/main.js'),
    dataDir,
    env: { ...process.env, BASE_CURRENCY: 'USD' },
    writers: Number(values.writers),
    loopsPerWriter: Number(values.loops),
    customers: Number(values.customers),
    durationMs: Number(values.seconds) * 1000,
    importEvents: Number(values['import-events']),
    seed: Number(values.seed),
  });
  console.log(JSON.stringify({ ...report, log: { ...report.log, violations: report.log.violations.length, firstViolations: report.log.violations.slice(0, 20) } }, null, 2));
  process.exitCode = report.log.violations.length > 0 || report.load.inconsistentAnswers > 0 || report.load.staleRejections > 0 || report.load.serverErrors > 0 ? 1 : 0;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
