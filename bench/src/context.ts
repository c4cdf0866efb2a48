import type { Sizes } from './options.js';

/** What the scenarios share: sizes, the same-run baselines, and data one scenario leaves for another. */
export interface BenchContext {
  sizes: Sizes;
  cpuProfDir: string | null;
  baselines: {
    httpRequestsPerSecond?: number;
    httpLatencyP50Ms?: number;
    httpLatencyP99Ms?: number;
    sqliteBatchedRowsPerSecond?: number;
    sqliteSingleRowsPerSecond?: number;
  };
  /** A data directory with a projected log (scenario 4), reused by the query scenario. */
  projectedDataDir?: { path: string; customerIds: string[]; remove: () => void };
  progress: (message: string) => void;
}
