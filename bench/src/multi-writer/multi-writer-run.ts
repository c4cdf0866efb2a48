import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEventStore } from '@lifecycle/core';
import { checkLog, type LogCheck } from './check-log.js';
import { runCliProcess, startApiProcess } from './processes.js';
import { importLines, runWriterLoad, type WriterLoadResult } from './writer-load.js';

export interface MultiWriterOptions {
  /** Compiled entries: dist/apps/api/src/main.js and dist/apps/cli/src/main.js of one build. */
  apiMain: string;
  cliMain: string;
  dataDir: string;
  /** Environment of the child processes (DATA_DIR is set here). */
  env: NodeJS.ProcessEnv;
  writers: number;
  loopsPerWriter: number;
  customers: number;
  durationMs: number;
  importEvents: number;
  seed: number;
}

export interface MultiWriterReport {
  writers: number;
  durationMs: number;
  load: Omit<WriterLoadResult, 'accepted'> & { accepted: number };
  import: Record<string, unknown>;
  log: LogCheck;
}

/**
 * Writer processes of the compiled API plus a CLI import (with the clock on), all on one data
 * directory, for a bounded time; then the log's invariants (checkLog) over what they wrote.
 */
export async function runMultiWriter(options: MultiWriterOptions): Promise<MultiWriterReport> {
  const env = { ...options.env, DATA_DIR: options.dataDir, PROJECTOR: 'off', CLOCK_SCHEDULER: 'off' };
  const apis = await Promise.all(Array.from({ length: options.writers }, () => startApiProcess(options.apiMain, env)));
  const file = join(options.dataDir, 'import.ndjson');
  writeFileSync(file, `${importLines({ customers: options.customers, events: options.importEvents, seed: options.seed }).join('\n')}\n`);
  const started = Date.now();
  try {
    const [load, imported] = await Promise.all([
      runWriterLoad({ urls: apis.map((a) => a.url), customers: options.customers, loopsPerUrl: options.loopsPerWriter, durationMs: options.durationMs, seed: options.seed }),
      runCliProcess(options.cliMain, ['import', file, '--clock', '--no-wait', '--batch-size', '200'], env),
    ]);
    const durationMs = Date.now() - started;
    await Promise.all(apis.map((a) => a.stop()));
    const store = openEventStore({ dataDir: options.dataDir, eventStoreConnectionString: null, mongodbUri: null });
    try {
      const log = await checkLog(store, load.accepted);
      return { writers: options.writers, durationMs, load: { ...load, accepted: load.accepted.length }, import: JSON.parse(imported) as Record<string, unknown>, log };
    } finally {
      await store.close();
    }
  } finally {
    await Promise.all(apis.map((a) => a.stop()));
  }
}
