import type { Command } from 'commander';
import { QueryBus } from '@nestjs/cqrs';
import { parseInstant } from '@lifecycle/domain';
import { ExportLogQuery, GetAdminLogQuery, GetHistoryQuery } from '@lifecycle/core/nest';
import { withContext } from '../cli-context.js';
import { writeLines } from '../write-lines.js';

const instant = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const ms = parseInstant(value);
  if (ms === null) throw new Error(`--${name}: not an ISO-8601 instant with a zone (got ${value})`);
  return ms;
};

export function registerLog(program: Command): void {
  const log = program.command('log').description('the event log');
  log
    .command('export')
    .description('stream the log as NDJSON in the import format, DayEnded ticks included (re-imports without --clock)')
    .option('--customer <id>', "one customer's stream (with the clock's ticks)")
    .option('--from <instant>', 'only events with occurredAt at or after this instant')
    .option('--to <instant>', 'only events with occurredAt at or before this instant')
    .option('--admin', 'the admin audit trail instead (who, what, when, outcome), one JSON object per line')
    .action(async (flags: { customer?: string; from?: string; to?: string; admin?: boolean }) => {
      if (flags.admin) {
        await withContext(async (context) => {
          const queries = context.get(QueryBus);
          for (let from = 0n; ;) {
            const page = await queries.execute(new GetAdminLogQuery(from, 1000));
            await writeLines(page.items.map((entry) => JSON.stringify(entry)));
            if (page.nextFromRevision === null) return;
            from = BigInt(page.nextFromRevision);
          }
        });
        return;
      }
      const filter = { customerId: flags.customer, from: instant('from', flags.from), to: instant('to', flags.to) };
      await withContext(async (context) => {
        const queries = context.get(QueryBus);
        if (flags.customer !== undefined && (await queries.execute(new GetHistoryQuery(flags.customer, 0n, 1))) === null) {
          throw new Error(`--customer: no customer ${flags.customer} in the log`);
        }
        for await (const batch of await queries.execute(new ExportLogQuery(filter))) {
          await writeLines(batch.map((event) => JSON.stringify(event)));
        }
      }, { read: true });
    });
}
