import { Body, Controller, Get, HttpCode, Logger, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { parseDate } from '@lifecycle/domain';
import { AdvanceClockCommand, ProjectionVersionsService, RebuildInProgressError } from '@lifecycle/core';
import { ApiError, badRequest } from '../http/api-error.js';
import { RequireRole } from '../auth/roles.js';

@RequireRole('admin')
@Controller('admin')
export class AdminController {
  private readonly logger = new Logger('Admin');

  constructor(
    private readonly commands: CommandBus,
    private readonly projections: ProjectionVersionsService,
  ) {}

  /** Backfill: DayEnded for every date up to `until − 1 day`, so every customer is evaluated at `until`. */
  @Post('clock/advance')
  @HttpCode(200)
  async advanceClock(@Body() body: { until?: unknown } | null) {
    const until = body?.until;
    if (typeof until !== 'string' || parseDate(until) === null) throw badRequest('until', 'must be a date YYYY-MM-DD');
    const dates = await this.commands.execute(new AdvanceClockCommand(until));
    const result = { ticks: dates.length, first: dates[0] ?? null, last: dates[dates.length - 1] ?? null };
    this.logger.log({ event: 'admin.clock_advanced', until, ...result, msg: `clock advanced to ${until}: ${dates.length} ticks` });
    return result;
  }

  /** Starts a rebuild into a new projection version; the current one serves until the switch. */
  @Post('projections/rebuild')
  @HttpCode(202)
  async rebuild() {
    try {
      const progress = await this.projections.start();
      this.logger.log({ event: 'admin.rebuild_started', fromVersion: progress.fromVersion, toVersion: progress.toVersion, msg: `rebuild ${progress.fromVersion} → ${progress.toVersion} started` });
      return progress;
    } catch (error) {
      if (error instanceof RebuildInProgressError) throw new ApiError(409, 'REBUILD_RUNNING', error.message);
      throw error;
    }
  }

  /** The served version, every version, and the progress of this process's current or last rebuild. */
  @Get('projections')
  async projectionVersions() {
    return { served: this.projections.version, versions: await this.projections.versions(), rebuild: this.projections.progress };
  }
}
