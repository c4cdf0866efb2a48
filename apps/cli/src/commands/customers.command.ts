import type { Command } from 'commander';
import { QueryBus } from '@nestjs/cqrs';
import { ExportCustomersQuery } from '@lifecycle/core/nest';
import { withContext } from '../cli-context.js';
import { writeLines } from '../write-lines.js';

export function registerCustomers(program: Command): void {
  const customers = program.command('customers').description('read customer profiles');
  customers
    .command('export')
    .description('print every profile as NDJSON, sorted by customerId')
    .action(async () => {
      await withContext(async (context) => {
        for await (const page of await context.get(QueryBus).execute(new ExportCustomersQuery())) await writeLines(page.map((p) => JSON.stringify(p)));
      }, { read: true });
    });
}
