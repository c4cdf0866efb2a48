import { Command } from '@nestjs/cqrs';
import type { AdvanceClockOptions } from '../../commands/lifecycle-commands.js';

/** Backfill: DayEnded for every date after the clock's last date up to `until − 1 day`; answers the dates appended. */
export class AdvanceClockCommand extends Command<string[]> {
  constructor(
    readonly until: string,
    readonly options: AdvanceClockOptions = {},
  ) {
    super();
  }
}
