import type { Command } from 'commander';
import { QueryBus } from '@nestjs/cqrs';
import { GetSegmentsQuery } from '@lifecycle/core/nest';
import { withContext } from '../cli-context.js';
import { formatOption, type OutputFormat } from '../cli-options.js';

export function registerSegments(program: Command): void {
  program
    .command('segments')
    .description('print counts per status, loyalty level and value tier (every bucket, zeros included), and the current cutoffs')
    .addOption(formatOption())
    .action(async (flags: { format: OutputFormat }) => {
      await withContext(async (context) => {
        const segments = await context.get(QueryBus).execute(new GetSegmentsQuery());
        if (flags.format === 'json') {
          process.stdout.write(`${JSON.stringify(segments, null, 2)}\n`);
          return;
        }
        const rows: string[][] = [['field', 'value', 'customers']];
        for (const field of ['status', 'loyaltyLevel', 'valueTier'] as const) {
          for (const [value, count] of Object.entries(segments[field])) rows.push([field, value, String(count)]);
        }
        rows.push(['(all)', '', String(segments.customers)]);
        const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
        process.stdout.write(`${rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n')}\n`);
        process.stdout.write(`clock ${segments.clockDate ?? '-'}; cutoffs ${JSON.stringify(segments.cutoffs)}\n`);
      }, { read: true });
    });
}
