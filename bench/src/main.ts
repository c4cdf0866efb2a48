import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from './context.js';
import { parseOptions, type ScenarioId, SCENARIO_IDS } from './options.js';
import type { ScenarioResult } from './report/figures.js';
import { busyPercent, machineInfo } from './report/machine.js';
import { renderMarkdown, renderTable } from './report/table.js';
import { baselineHttp } from './scenarios/baseline-http.js';
import { baselineSqlite } from './scenarios/baseline-sqlite.js';
import { batchIngest } from './scenarios/batch-ingest.js';
import { cdnowImport } from './scenarios/cdnow-import.js';
import { dayEndTick } from './scenarios/day-end-tick.js';
import { httpIngest } from './scenarios/http-ingest.js';
import { peerEmmett } from './scenarios/peer-emmett.js';
import { projectionLag } from './scenarios/projection-lag.js';
import { projectionRebuild } from './scenarios/projection-rebuild.js';
import { queries } from './scenarios/queries.js';
import { webhookDelivery } from './scenarios/webhook-delivery.js';

const SCENARIOS: Record<ScenarioId, { title: string; run: (ctx: BenchContext) => Promise<ScenarioResult>; needs: ScenarioId[] }> = {
  'baseline-http': { title: '1a bare Fastify echo', run: baselineHttp, needs: [] },
  'baseline-sqlite': { title: '1b raw better-sqlite3 inserts', run: baselineSqlite, needs: [] },
  'http-ingest': { title: '2 HTTP ingest', run: httpIngest, needs: ['baseline-http'] },
  'batch-ingest': { title: '3a batch ingest', run: batchIngest, needs: ['baseline-sqlite'] },
  'cdnow-import': { title: '3b CDNOW import', run: cdnowImport, needs: ['baseline-sqlite'] },
  'projection-rebuild': { title: '4 projection rebuild', run: projectionRebuild, needs: [] },
  queries: { title: '6 queries', run: queries, needs: ['projection-rebuild'] },
  'day-end-tick': { title: '5 DayEnded tick', run: dayEndTick, needs: [] },
  'projection-lag': { title: '7 projection lag', run: projectionLag, needs: [] },
  'webhook-delivery': { title: '8 webhook delivery', run: webhookDelivery, needs: [] },
  'peer-emmett': { title: 'peer-emmett ours vs Emmett', run: peerEmmett, needs: [] },
};

function gitRevision(): { commit: string | null; dirty: boolean | null } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return { commit, dirty: status.trim() !== '' };
  } catch {
    return { commit: null, dirty: null };
  }
}

/** The selected scenarios with the ones they need (baselines for their ratios, data), in the canonical order. */
function withPrerequisites(selected: ScenarioId[]): ScenarioId[] {
  const wanted = new Set<ScenarioId>();
  const add = (id: ScenarioId): void => {
    if (wanted.has(id)) return;
    wanted.add(id);
    SCENARIOS[id].needs.forEach(add);
  };
  selected.forEach(add);
  return SCENARIO_IDS.filter((id) => wanted.has(id));
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.markdownOf) {
    const saved = JSON.parse(readFileSync(options.markdownOf, 'utf8')) as { scenarios: ScenarioResult[] };
    console.log(renderMarkdown(saved.scenarios));
    return;
  }
  const startedAt = new Date();
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s`;
  const ctx: BenchContext = {
    sizes: options.sizes,
    cpuProfDir: options.cpuProfDir,
    baselines: {},
    progress: (message) => process.stderr.write(`[bench ${elapsed()}] ${message}\n`),
  };
  const machineAtStart = { ...machineInfo(), busyPercentBeforeStart: await busyPercent() };
  const order = withPrerequisites(options.scenarios);
  ctx.progress(`${options.quick ? 'quick' : 'full'} run: ${order.join(', ')}`);
  if (machineAtStart.busyPercentBeforeStart > 10) {
    ctx.progress(`warning: ${machineAtStart.busyPercentBeforeStart} % of the CPU was busy with other work just before the start; ` +
      'absolute figures will be low, same-run ratios less so');
  }

  const results: ScenarioResult[] = [];
  for (const id of order) {
    const scenarioStarted = performance.now();
    try {
      results.push(await SCENARIOS[id].run(ctx));
    } catch (error) {
      ctx.progress(`${id} FAILED: ${(error as Error).stack ?? String(error)}`);
      results.push({ id, title: SCENARIOS[id].title, figures: [], details: {}, error: (error as Error).message ?? String(error) });
    }
    results[results.length - 1].details.scenarioSeconds = (performance.now() - scenarioStarted) / 1000;
    ctx.progress(`${id} done`);
  }
  ctx.projectedDataDir?.remove();

  const report = {
    startedAt: startedAt.toISOString(),
    durationSeconds: (performance.now() - started) / 1000,
    mode: options.quick ? 'quick' : 'full',
    argv: process.argv.slice(2),
    git: gitRevision(),
    machine: { atStart: machineAtStart, atEnd: machineInfo() },
    sizes: options.sizes,
    baselines: ctx.baselines,
    scenarios: results,
  };
  mkdirSync(options.resultsDir, { recursive: true });
  const file = join(options.resultsDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}${options.quick ? '-quick' : ''}.json`);
  writeFileSync(file, `${JSON.stringify(report, (_key, value) => (typeof value === 'bigint' ? value.toString() : value), 2)}\n`);

  const m = machineAtStart;
  console.log(`\n${options.quick ? 'Quick' : 'Full'} run, ${m.cpuModel}, ${m.nproc} cores, ${m.memoryGiB} GiB, Node ${m.node}, ` +
    `${m.busyPercentBeforeStart} % busy with other work before the start, load average ${m.loadAverage.join(' ')} at start, ` +
    `${report.machine.atEnd.loadAverage.join(' ')} at end`);
  console.log(renderTable(results));
  console.log(`\n${report.durationSeconds.toFixed(0)} s; results in ${file}`);
  if (results.some((r) => r.error)) process.exitCode = 1;
}

await main();
