import { Command } from '@nestjs/cqrs';

export interface AdvanceClockOptions {
  /** Who asks (a key id, `cli:<user>`): recorded in the admin audit stream. */
  actor?: string;
  /** Refuse when the advance would append more ticks than this (an API request's cap). */
  maxTicks?: number;
}

/** Backfill: append DayEnded for every date after the clock's last date up to `until − 1 day`. */
export class AdvanceClockCommand extends Command<string[]> {
  constructor(
    readonly until: string,
    readonly options: AdvanceClockOptions = {},
  ) {
    super();
  }
}
