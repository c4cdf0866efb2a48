import type { Command } from 'commander';
import { CommandBus } from '@nestjs/cqrs';
import { parseDate } from '@lifecycle/domain';
import { AdvanceClockCommand, CatchUpProjectionCommand } from '@lifecycle/core/nest';
import { withContext } from '../cli-context.js';
import { cliActor } from './keys.command.js';

export function registerClock(program: Command): void {
  const clock = program.command('clock').description('the DayEnded clock');
  clock
    .command('advance')
    .description('backfill: append DayEnded for every date up to --until minus one day, so every customer is evaluated at --until')
    .requiredOption('--until <date>', 'a UTC midnight, YYYY-MM-DD')
    .option('--no-wait', 'do not wait for the projection to catch up')
    .action(async (flags: { until: string; wait: boolean }) => {
      if (parseDate(flags.until) === null) throw new Error(`--until: not a date YYYY-MM-DD (got ${flags.until})`);
      await withContext(async (context) => {
        const commands = context.get(CommandBus);
        const dates = await commands.execute(new AdvanceClockCommand(flags.until, { actor: cliActor() }));
        if (flags.wait) await commands.execute(new CatchUpProjectionCommand());
        process.stdout.write(`${JSON.stringify({ ticks: dates.length, first: dates[0] ?? null, last: dates[dates.length - 1] ?? null })}\n`);
      });
    });
}
