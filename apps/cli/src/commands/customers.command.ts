import type { Command } from 'commander';
import { READ_MODEL } from '@lifecycle/core/nest';
import type { QueryStore } from '@lifecycle/read-model';
import { withContext } from '../cli-context.js';
import { writeLines } from '../write-lines.js';

export function registerCustomers(program: Command): void {
  const customers = program.command('customers').description('read customer profiles');
  customers
    .command('export')
    .description('print every profile as NDJSON, sorted by customerId')
    .action(async () => {
      await withContext(async (context) => {
        const readModel = context.get<QueryStore>(READ_MODEL);
        for await (const page of readModel.allProfiles()) await writeLines(page.map((p) => JSON.stringify(p)));
      }, { read: true });
    });
}
