import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from '../context.js';
import { type Figure, figure, type ScenarioResult } from '../report/figures.js';
import { ensurePeerInstalled, PEER_DIR } from '../peer-emmett/peer-install.js';
import type { PeerRunResult } from '../peer-emmett/peer-run-result.js';
import { peerWorkload } from '../peer-emmett/purchase-refund-workload.js';
import { runSide } from '../peer-emmett/run-side.js';
import { tempDir } from '../temp-dir.js';

const IN_FLIGHT = 64;
/** Untimed commands each side runs first, on customers of their own (JIT, caches), as the HTTP scenarios warm up. */
const WARMUP_COMMANDS = 2_000;
/** Each side runs this many times, alternating with the other; a figure takes each side's best run (the machine is shared). */
const ROUNDS = 2;
/** ours ≥ 3 × Emmett, as a ratio in percent. */
const TARGET_PERCENT = 300;
const OURS_RUNNER = fileURLToPath(new URL('../peer-emmett/ours-runner.js', import.meta.url));
const EMMETT_RUNNER = join(PEER_DIR, 'src', 'run.js');

/** Both sides decided the workload as a correct decider must (the same rejections, the same lifetime net). */
function checkAgreement(side: PeerRunResult, expected: ReturnType<typeof peerWorkload>): string[] {
  const problems: string[] = [];
  if (side.sequential.rejected !== expected.expectedRejections.sequential) problems.push(`${side.stack}: sequential rejections ${side.sequential.rejected} ≠ ${expected.expectedRejections.sequential}`);
  if (side.concurrent.rejected !== expected.expectedRejections.concurrent) problems.push(`${side.stack}: concurrent rejections ${side.concurrent.rejected} ≠ ${expected.expectedRejections.concurrent}`);
  if (side.projection.lifetimeNet !== expected.expectedLifetimeNet) problems.push(`${side.stack}: lifetime net ${side.projection.lifetimeNet} ≠ ${expected.expectedLifetimeNet}`);
  if (side.projection.documents !== expected.customers) problems.push(`${side.stack}: ${side.projection.documents} documents ≠ ${expected.customers} customers`);
  return problems;
}

/**
 * peer-emmett: the same purchase/refund commands (expected-version appends, refunds over the
 * order's remaining amount rejected) and a projection of the whole log into one document per
 * customer, on our stack and on Emmett (@event-driven-io/emmett-sqlite), each side in a fresh
 * process on its own temp SQLite files, one after the other. Emmett's side lives in
 * bench/peer-emmett with its own lock file, installed here on first use.
 */
export async function peerEmmett(ctx: BenchContext): Promise<ScenarioResult> {
  const { peerSequentialCommands, peerConcurrentCommands } = ctx.sizes;
  await ensurePeerInstalled(ctx.progress);
  const dir = tempDir('peer-emmett');
  try {
    const workload = peerWorkload({ warmup: WARMUP_COMMANDS, sequential: peerSequentialCommands, concurrent: peerConcurrentCommands, lanes: IN_FLIGHT, seed: 12 });
    const workloadFile = join(dir.path, 'workload.json');
    writeFileSync(workloadFile, JSON.stringify(workload));
    const runs: { ours: PeerRunResult[]; emmett: PeerRunResult[] } = { ours: [], emmett: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [stack, script] of [['ours', OURS_RUNNER], ['emmett', EMMETT_RUNNER]] as const) {
        ctx.progress(`peer-emmett: round ${round}/${ROUNDS}, ${stack}: ${peerSequentialCommands} sequential commands, ` +
          `${peerConcurrentCommands} with ${IN_FLIGHT} in flight, then the projection`);
        runs[stack].push(await runSide(script, [workloadFile, join(dir.path, `${stack}-${round}`)], ctx.cpuProfDir));
      }
    }
    // Emmett with SQLite's default synchronous=FULL (an fsync per commit), sequential commands only: reported, not judged.
    const sequentialOnly = { ...workload, lanes: [] };
    const sequentialOnlyFile = join(dir.path, 'workload-sequential.json');
    writeFileSync(sequentialOnlyFile, JSON.stringify(sequentialOnly));
    ctx.progress('peer-emmett: emmett with synchronous=FULL, sequential commands only (reported, not judged)');
    const emmettFull = await runSide(EMMETT_RUNNER, [sequentialOnlyFile, join(dir.path, 'emmett-full'), 'FULL'], ctx.cpuProfDir);

    const problems = [...runs.ours, ...runs.emmett].flatMap((side) => checkAgreement(side, workload));
    const rate = (n: number, s: number) => n / s;
    const best = (side: PeerRunResult[], of: (r: PeerRunResult) => number) => Math.max(...side.map(of));
    const sequentialRate = (r: PeerRunResult) => rate(r.sequential.commands, r.sequential.seconds);
    const concurrentRate = (r: PeerRunResult) => rate(r.concurrent.commands, r.concurrent.seconds);
    const projectionRate = (r: PeerRunResult) => rate(r.projection.events, r.projection.seconds);
    const versus = (metric: string, unit: string, o: number, e: number): Figure => figure(metric, o, unit, {
      baseline: { label: 'Emmett', value: e, unit },
      target: { on: 'ratio', op: '>=', value: TARGET_PERCENT },
      note: problems.length > 0 ? 'results disagree, see details' : undefined,
    });
    const figures = [
      versus('sequential commands/s', 'commands/s', best(runs.ours, sequentialRate), best(runs.emmett, sequentialRate)),
      versus(`${IN_FLIGHT} concurrent commands/s`, 'commands/s', best(runs.ours, concurrentRate), best(runs.emmett, concurrentRate)),
      versus('projection events/s', 'events/s', best(runs.ours, projectionRate), best(runs.emmett, projectionRate)),
    ];
    return {
      id: 'peer-emmett',
      title: `peer-emmett ours vs Emmett (${(peerSequentialCommands + peerConcurrentCommands).toLocaleString('en-US')} commands, ${workload.customers.toLocaleString('en-US')} customers)`,
      figures,
      details: {
        ratios: Object.fromEntries(figures.map((f) => [f.metric, {
          ours: f.value, emmett: f.baseline?.value, ratio: (f.ratioPercent ?? Number.NaN) / 100, target: '>= 3x', met: f.met,
        }])),
        inFlight: IN_FLIGHT, rounds: ROUNDS, warmupCommands: WARMUP_COMMANDS, customers: workload.customers, expectedRejections: workload.expectedRejections,
        expectedLifetimeNet: workload.expectedLifetimeNet, agreement: problems.length === 0 ? 'both sides agree' : problems,
        emmettSynchronousFullSequentialCommandsPerSecond: sequentialRate(emmettFull),
        runs: { ...runs, emmettSynchronousFull: emmettFull },
      },
    };
  } finally {
    dir.remove();
  }
}
