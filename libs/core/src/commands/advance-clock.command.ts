import { Command } from '@nestjs/cqrs';

/** Backfill: append DayEnded for every date after the clock's last date up to `until − 1 day`. */
export class AdvanceClockCommand extends Command<string[]> {
  constructor(readonly until: string) {
    super();
  }
}
