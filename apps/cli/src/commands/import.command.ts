import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { parseDate } from '@lifecycle/domain';
import { CommandBus } from '@nestjs/cqrs';
import { CatchUpProjectionCommand, ImportHistoryCommand } from '@lifecycle/core/nest';
import { withContext } from '../cli-context.js';
import { positiveInt } from '../cli-options.js';
import { terminalProgressBar } from '../progress-bar.js';

interface ImportFlags {
  clock?: boolean;
  until?: string;
  wait: boolean;
  batchSize: number;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import NDJSON (or NDJSON.gz) history through the same validation as the HTTP API')
    .argument('<file>', 'NDJSON or NDJSON.gz file, one envelope per line, sorted by occurredAt')
    .option('--clock', 'append DayEnded ticks before each event of a later day (spec section 9)')
    .option('--until <date>', 'after the import, tick the clock up to this UTC midnight (YYYY-MM-DD) minus one day')
    .option('--no-wait', 'do not wait for the projection to catch up')
    .option('--batch-size <n>', 'events per append batch', positiveInt, 1000)
    .action(async (file: string, flags: ImportFlags) => {
      if (flags.until !== undefined && parseDate(flags.until) === null) throw new Error(`--until: not a date YYYY-MM-DD (got ${flags.until})`);
      const size = statSync(file).size;
      await withContext(async (context) => {
        const bar = terminalProgressBar('import [{bar}] {percentage}% | {events} events | {rate} events/s | ETA {eta_formatted}');
        bar?.start(size, 0, { events: 0, rate: 0 });
        const started = performance.now();
        const commands = context.get(CommandBus);
        const summary = await commands.execute(new ImportHistoryCommand(file, {
          clock: flags.clock,
          until: flags.until,
          batchSize: flags.batchSize,
          onProgress: ({ bytesRead, linesRead }) => {
            const rate = Math.round(linesRead / ((performance.now() - started) / 1000));
            bar?.update(bytesRead, { events: linesRead, rate });
          },
        }));
        bar?.update(size);
        bar?.stop();
        let projectedTo: string | null = null;
        let projectionMs: number | null = null;
        if (flags.wait) {
          const projectionStarted = performance.now();
          if (process.stderr.isTTY) process.stderr.write('projecting…\n');
          projectedTo = String(await commands.execute(new CatchUpProjectionCommand()));
          projectionMs = Math.round(performance.now() - projectionStarted);
        }
        const importMs = Math.round(summary.durationMs);
        const eventsPerSecond = Math.round(summary.read / (summary.durationMs / 1000));
        process.stdout.write(`${JSON.stringify({ ...summary, durationMs: importMs, eventsPerSecond, projectedTo, projectionMs }, null, 2)}\n`);
      });
    });
}
