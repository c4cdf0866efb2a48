#!/usr/bin/env node
// CPU seconds of bench scenario 4's rebuild against its bare log read, each in a fresh process
// (so the peak RSS is the rebuild's own, not the bench's append phase), read from the process's
// CPU counters: on the shared machine throughput swings between runs far more than CPU time.
// One log is generated once and read by every run; several roots (each with a dist) alternate.
//
//   npm run build && node scripts/rebuild-cpu-cost.mjs [root-with-dist ...] [--runs 3] [--events 200000] [--customers 20000]
//     [--log FILE (kept, generated when absent)] [--cpu-prof-dir DIR (profiles of the children)]
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args.splice(i, 2)[1];
};
const BATCH = 5000;
const MB = 1024 * 1024;
const cpuSeconds = (since) => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1e6;
};

if (option('--child', null) !== null) {
  // Child: read the log bare, then rebuild it into a fresh read model; report on the IPC channel.
  const [root, logFile, outDir] = args;
  const load = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
  const { rebuildProjection } = await load('libs/core/src/index.js');
  const { defaultRules } = await load('libs/domain/src/index.js');
  const { createSqliteEventStore } = await load('libs/event-store/src/index.js');
  const { createSqliteReadModel } = await load('libs/read-model/src/index.js');
  const store = createSqliteEventStore({ file: logFile });
  let cpu = process.cpuUsage();
  let wall = performance.now();
  let after;
  let events = 0;
  for (;;) {
    const batch = await store.readAll({ after, maxCount: BATCH });
    if (batch.length === 0) break;
    events += batch.length;
    after = batch[batch.length - 1].position;
  }
  const read = { cpu: cpuSeconds(cpu), wall: (performance.now() - wall) / 1000 };
  global.gc?.();
  const rssBefore = process.memoryUsage.rss();
  let peak = rssBefore;
  const readModel = createSqliteReadModel({ file: join(outDir, 'read-model.sqlite') });
  cpu = process.cpuUsage();
  wall = performance.now();
  const outcome = await rebuildProjection({
    eventStore: store, target: readModel, rules: defaultRules('USD'), memoryBudgetMb: 1024, batchSize: BATCH, unsafe: true,
    onProgress: () => { peak = Math.max(peak, process.memoryUsage.rss()); },
  });
  const rebuild = { cpu: cpuSeconds(cpu), wall: (performance.now() - wall) / 1000 };
  await readModel.close();
  await store.close();
  process.send({ events, read, rebuild, store: outcome.store, dayEnds: outcome.projector.dayEnds, dueEvaluated: outcome.projector.dueEvaluated, rssBeforeMb: rssBefore / MB, peakRssMb: peak / MB, maxRssMb: process.resourceUsage().maxRSS / 1024 });
  process.exit(0);
}

const runs = Number(option('--runs', '3'));
const eventCount = Number(option('--events', '200000'));
const customers = Number(option('--customers', '20000'));
const logOption = option('--log', null);
const profDir = option('--cpu-prof-dir', null);
const roots = (args.length ? args : ['.']).map((r) => resolve(r));
const work = mkdtempSync(join(tmpdir(), 'rebuild-cpu-'));
try {
  const logFile = resolve(logOption ?? join(work, 'events.sqlite'));
  if (!existsSync(logFile)) {
    const load = (path) => import(pathToFileURL(join(roots[0], 'dist', path)).href);
    const { createSqliteEventStore } = await load('libs/event-store/src/index.js');
    const { appendLog } = await load('bench/src/workload/append-log.js');
    const { DEFAULT_WINDOW, GeneratedLog } = await load('bench/src/workload/generate-log.js');
    const store = createSqliteEventStore({ file: logFile });
    const log = new GeneratedLog({ seed: 44, customers, prefix: 'c', ...DEFAULT_WINDOW });
    await appendLog(store, log.withTicks(eventCount));
    await store.close();
  }
  const self = fileURLToPath(import.meta.url);
  for (let run = 1; run <= runs; run++) {
    for (const root of roots) {
      const outDir = join(work, `rm-${run}-${roots.indexOf(root)}`);
      mkdirSync(outDir);
      const child = fork(self, ['--child', '1', root, logFile, outDir], { execArgv: ['--expose-gc', ...(profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir] : [])] });
      const [report] = await once(child, 'message');
      await once(child, 'exit');
      rmSync(outDir, { recursive: true, force: true });
      const r = report;
      console.log([
        `run ${run} ${root}`,
        `read ${r.read.cpu.toFixed(2)} s CPU (${r.read.wall.toFixed(2)} s)`,
        `rebuild ${r.rebuild.cpu.toFixed(2)} s CPU (${r.rebuild.wall.toFixed(2)} s)`,
        `CPU ratio read/rebuild ${((100 * r.read.cpu) / r.rebuild.cpu).toFixed(1)} %`,
        `wall ratio ${((100 * r.read.wall) / r.rebuild.wall).toFixed(1)} %`,
        `${Math.round(r.events / r.rebuild.wall).toLocaleString('en-US')} events/s`,
        `RSS before ${Math.round(r.rssBeforeMb)} MiB, peak ${Math.round(r.peakRssMb)} MiB, maxRSS ${Math.round(r.maxRssMb)} MiB`,
        `${r.dayEnds} day ends, ${r.dueEvaluated} due evaluations, store ${JSON.stringify(r.store)}`,
      ].join(' | '));
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
