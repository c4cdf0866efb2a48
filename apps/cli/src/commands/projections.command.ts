import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { type AppConfig, type RebuildProgress, recordAdminAction, verifyProjection } from '@lifecycle/core';
import { EVENT_STORE, ProjectionVersionsService, READ_MODEL, WALL_CLOCK, type WallClock } from '@lifecycle/core/nest';
import type { EventStore } from '@lifecycle/event-store';
import { createSqliteReadModel, type ReadModelStore } from '@lifecycle/read-model';
import { withContext } from '../cli-context.js';
import { formatOption, type OutputFormat, resultReplacer } from '../cli-options.js';
import { terminalProgressBar } from '../progress-bar.js';
import { cliActor } from './keys.command.js';

export function registerProjections(program: Command): void {
  const projections = program.command('projections').description('the read model projections');
  projections
    .command('rebuild')
    .description('build a new projection version from position 0 while the current one serves, switch to it atomically, drop the old one')
    .action(async () => {
      const result = await withContext(async (context) => {
        const versions = context.get(ProjectionVersionsService);
        const bar = terminalProgressBar('rebuild {toVersion} [{bar}] {percentage}% | {events} events | {rate} events/s | ETA {eta}s | {state}');
        const show = (p: RebuildProgress): void => {
          const total = Math.max(1, Number(p.head));
          bar?.setTotal(total);
          bar?.update(Math.min(total, Number(p.position ?? 0)), {
            toVersion: p.toVersion, events: p.events, rate: p.eventsPerSecond, eta: p.etaSeconds ?? '?', state: p.state,
          });
        };
        const audit = (action: 'projections.rebuild' | 'projections.switch', outcome: 'ok' | 'failed', details: Record<string, unknown>) =>
          recordAdminAction(context.get<EventStore>(EVENT_STORE), { actor: cliActor(), action, outcome, details }, context.get<WallClock>(WALL_CLOCK));
        const first = await versions.start(show);
        await audit('projections.rebuild', 'ok', { fromVersion: first.fromVersion, toVersion: first.toVersion });
        bar?.start(Math.max(1, Number(first.head)), 0, { toVersion: first.toVersion, events: 0, rate: 0, eta: '?', state: first.state });
        try {
          const done = await versions.wait();
          await audit('projections.switch', 'ok', { fromVersion: first.fromVersion, toVersion: first.toVersion });
          return done;
        } catch (error) {
          await audit('projections.switch', 'failed', { fromVersion: first.fromVersion, toVersion: first.toVersion, error: (error as Error).message });
          throw error;
        } finally {
          bar?.stop();
        }
      });
      process.stdout.write(`${JSON.stringify(result, resultReplacer, 2)}\n`);
    });
  projections
    .command('verify')
    .description('replay the log into a scratch projection, compare it field by field with the live read model, check the hash chains; exit 1 on any difference')
    .addOption(formatOption())
    .action(async (flags: { format: OutputFormat }) => {
      const ok = await withContext(async (context, config: AppConfig) => {
        const dir = mkdtempSync(join(tmpdir(), 'lifecycle-verify-'));
        const scratch = createSqliteReadModel({ file: join(dir, 'scratch.sqlite') });
        const events = context.get<EventStore>(EVENT_STORE);
        const head = await events.headPosition();
        const bar = terminalProgressBar('verify [{bar}] {percentage}% | position {value}/{total} | ETA {eta}s');
        bar?.start(Math.max(1, Number(head)), 0);
        try {
          const report = await verifyProjection(events, context.get<ReadModelStore>(READ_MODEL), scratch, config.rules, (position) => bar?.update(Number(position)));
          bar?.update(Math.max(1, Number(head)));
          bar?.stop();
          const summary = { ok: report.ok, checkpoint: report.checkpoint, events: report.events, streams: report.streams };
          if (flags.format === 'json') {
            process.stdout.write(`${JSON.stringify({ ...summary, mismatches: report.mismatches, brokenLinks: report.brokenLinks }, resultReplacer, 2)}\n`);
            return report.ok;
          }
          for (const m of report.mismatches) {
            process.stdout.write(`mismatch customer=${m.customerId ?? '-'} field=${m.field} live=${JSON.stringify(m.live, resultReplacer)} replayed=${JSON.stringify(m.replayed, resultReplacer)}\n`);
          }
          for (const b of report.brokenLinks) {
            process.stdout.write(`broken chain stream=${b.streamId} revision=${b.revision} position=${b.position} eventId=${b.eventId}: ${b.reason}\n`);
          }
          process.stdout.write(`${report.ok ? 'ok' : 'DIFFERENT'}: checkpoint ${summary.checkpoint ?? '-'}, ${summary.events} events in ${summary.streams} streams, ${report.mismatches.length} mismatches, ${report.brokenLinks.length} broken links\n`);
          return report.ok;
        } finally {
          bar?.stop();
          await scratch.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }, { read: true });
      if (!ok) process.exitCode = 1;
    });
}
