import type { Command } from 'commander';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { RebuildProgress } from '@lifecycle/core';
import { RebuildProjectionCommand, VerifyProjectionQuery } from '@lifecycle/core/nest';
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
        const bar = terminalProgressBar('rebuild {toVersion} [{bar}] {percentage}% | {events} events | {rate} events/s | ETA {eta}s | {state}');
        bar?.start(1, 0, { toVersion: '', events: 0, rate: 0, eta: '?', state: 'starting' });
        const show = (p: RebuildProgress): void => {
          const total = Math.max(1, Number(p.head));
          bar?.setTotal(total);
          bar?.update(Math.min(total, Number(p.position ?? 0)), {
            toVersion: p.toVersion, events: p.events, rate: p.eventsPerSecond, eta: p.etaSeconds ?? '?', state: p.state,
          });
        };
        try {
          return await context.get(CommandBus).execute(new RebuildProjectionCommand(cliActor(), show));
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
      const ok = await withContext(async (context) => {
        const bar = terminalProgressBar('verify [{bar}] {percentage}% | position {value}/{total} | ETA {eta}s');
        bar?.start(1, 0);
        const report = await context.get(QueryBus).execute(new VerifyProjectionQuery((position, head) => {
          bar?.setTotal(Math.max(1, Number(head)));
          bar?.update(Number(position));
        })).finally(() => bar?.stop());
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
      }, { read: true });
      if (!ok) process.exitCode = 1;
    });
}
