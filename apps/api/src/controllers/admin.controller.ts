import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { parseDate } from '@lifecycle/domain';
import { AdvanceClockCommand } from '@lifecycle/core';
import { badRequest } from '../http/api-error.js';

@Controller('admin')
export class AdminController {
  constructor(private readonly commands: CommandBus) {}

  /** Backfill: DayEnded for every date up to `until − 1 day`, so every customer is evaluated at `until`. */
  @Post('clock/advance')
  @HttpCode(200)
  async advanceClock(@Body() body: { until?: unknown } | null) {
    const until = body?.until;
    if (typeof until !== 'string' || parseDate(until) === null) throw badRequest('until', 'must be a date YYYY-MM-DD');
    const dates = await this.commands.execute(new AdvanceClockCommand(until));
    return { ticks: dates.length, first: dates[0] ?? null, last: dates[dates.length - 1] ?? null };
  }
}
