import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCENARIO_IDS = [
  'baseline-http', 'baseline-sqlite', 'http-ingest', 'batch-ingest', 'cdnow-import',
  'projection-rebuild', 'queries', 'day-end-tick', 'projection-lag', 'webhook-delivery', 'peer-emmett',
] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

export interface Sizes {
  /** Every HTTP load is preceded by this much unrecorded load (JIT, caches), on the same server. */
  warmupSeconds: number;
  /** Baseline 1a and scenario 2 run for the same time. */
  httpSeconds: number;
  httpConnections: number;
  /** The same rows as scenario 3a's events (batchRequests × 1,000), into an empty table as there. */
  sqliteBatchedRows: number;
  sqliteSingleRows: number;
  /** Scenario 3: POST /events requests of 1,000 events. */
  batchRequests: number;
  rebuildEvents: number;
  rebuildCustomers: number;
  tickCustomers: number;
  timedTicks: number;
  querySeconds: number;
  /** Scenario 6: requests per second of GET /customers/:id, open loop. */
  queryRate: number;
  /** Scenario 6: requests per second of the segment page (50 profiles each), open loop. */
  pageRate: number;
  /** Scenario 7: single events per second, open loop. */
  lagSeconds: number;
  lagRate: number;
  /** peer-emmett: commands issued one after another, then commands with 64 in flight (each side runs both). */
  peerSequentialCommands: number;
  peerConcurrentCommands: number;
}

const FULL: Sizes = {
  warmupSeconds: 3, httpSeconds: 20, httpConnections: 64, sqliteBatchedRows: 200_000, sqliteSingleRows: 50_000, batchRequests: 200,
  rebuildEvents: 1_000_000, rebuildCustomers: 100_000, tickCustomers: 1_000_000, timedTicks: 7,
  querySeconds: 20, queryRate: 2_000, pageRate: 200, lagSeconds: 30, lagRate: 1_000,
  peerSequentialCommands: 10_000, peerConcurrentCommands: 20_000,
};

const QUICK: Sizes = {
  ...FULL, warmupSeconds: 2, httpSeconds: 5, sqliteBatchedRows: 50_000, sqliteSingleRows: 20_000, batchRequests: 50,
  rebuildEvents: 200_000, rebuildCustomers: 20_000, tickCustomers: 100_000, timedTicks: 3, querySeconds: 5, lagSeconds: 8,
  peerSequentialCommands: 2_000, peerConcurrentCommands: 4_000,
};

export interface BenchOptions {
  quick: boolean;
  scenarios: ScenarioId[];
  sizes: Sizes;
  /** Server processes write CPU profiles here (--cpu-prof-dir). */
  cpuProfDir: string | null;
  resultsDir: string;
  /** `--markdown FILE`: print the table of an earlier result file as Markdown and run nothing. */
  markdownOf: string | null;
}

/** `--quick`, `--only id,id`, `--cpu-prof-dir dir`, `--markdown results.json`. */
export function parseOptions(argv: string[]): BenchOptions {
  const value = (flag: string): string | null => {
    const i = argv.indexOf(flag);
    return i >= 0 && i + 1 < argv.length ? argv[i + 1] : null;
  };
  const quick = argv.includes('--quick');
  const only = value('--only');
  const scenarios = only === null ? [...SCENARIO_IDS] : only.split(',').map((id) => id.trim());
  const unknown = scenarios.filter((id) => !(SCENARIO_IDS as readonly string[]).includes(id));
  if (unknown.length > 0) throw new Error(`--only: unknown scenario(s) ${unknown.join(', ')}; one of ${SCENARIO_IDS.join(', ')}`);
  const cpuProf = value('--cpu-prof-dir');
  if (cpuProf) mkdirSync(resolve(cpuProf), { recursive: true });
  return {
    quick,
    scenarios: scenarios as ScenarioId[],
    sizes: quick ? QUICK : FULL,
    cpuProfDir: cpuProf ? resolve(cpuProf) : null,
    resultsDir: fileURLToPath(new URL('../../../bench/results/', import.meta.url)),
    markdownOf: value('--markdown'),
  };
}
