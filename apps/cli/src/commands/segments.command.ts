import type { Command } from 'commander';
import { QueryBus } from '@nestjs/cqrs';
import { GetSegmentsQuery } from '@lifecycle/core';
import { withContext } from '../cli-context.js';

export function registerSegments(program: Command): void {
  program
    .command('segments')
    .description('print counts per status, loyalty level and value tier, and the current cutoffs, as JSON')
    .action(async () => {
      await withContext(async (context) => {
        const segments = await context.get(QueryBus).execute(new GetSegmentsQuery());
        process.stdout.write(`${JSON.stringify(segments, null, 2)}\n`);
      });
    });
}
