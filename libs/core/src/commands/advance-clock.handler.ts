import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { addDays } from '@lifecycle/domain';
import type { EventStore } from '@lifecycle/event-store';
import { recordAdminAction } from '../audit/admin-audit.js';
import { ClockAdvanceLimitError, FutureClockError } from '../ingestion/clock-errors.js';
import { IngestionService } from '../ingestion/ingestion.service.js';
import { EVENT_STORE, WALL_CLOCK, type WallClock } from '../nest/tokens.js';
import { AdvanceClockCommand } from './advance-clock.command.js';

/**
 * Advances the clock and records the advance in the admin stream. An advance refused by the
 * guards (a future `until`, too many ticks) appends nothing at all, not even an audit entry.
 */
@CommandHandler(AdvanceClockCommand)
export class AdvanceClockHandler implements ICommandHandler<AdvanceClockCommand> {
  constructor(
    private readonly ingestion: IngestionService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WALL_CLOCK) private readonly now: WallClock,
  ) {}

  async execute({ until, options }: AdvanceClockCommand): Promise<string[]> {
    const actor = options.actor ?? 'unknown';
    let dates: string[];
    try {
      dates = await this.ingestion.tickUntil(addDays(until, -1), { maxTicks: options.maxTicks });
    } catch (error) {
      if (!(error instanceof FutureClockError || error instanceof ClockAdvanceLimitError)) {
        await recordAdminAction(this.store, { actor, action: 'clock.advance', outcome: 'failed', details: { until, error: (error as Error).message } }, this.now);
      }
      throw error;
    }
    const details = { until, ticks: dates.length, first: dates[0] ?? null, last: dates[dates.length - 1] ?? null };
    await recordAdminAction(this.store, { actor, action: 'clock.advance', outcome: 'ok', details }, this.now);
    return dates;
  }
}
