import { Body, Controller, Get, HttpCode, Inject, Logger, Post, Query, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { parseDate } from '@lifecycle/domain';
import { type AppConfig, ClockAdvanceLimitError, FutureClockError, RebuildInProgressError } from '@lifecycle/core';
import {
  AdvanceClockCommand, APP_CONFIG, GetAdminLogQuery, ListProjectionVersionsQuery, StartProjectionRebuildCommand,
} from '@lifecycle/core/nest';
import { ApiError, badRequest } from '../http/api-error.js';
import { actorOf, type AuthenticatedRequest } from '../auth/request-key.js';
import { RequireRole } from '../auth/roles.js';

@Controller('admin')
@RequireRole('admin')
export class AdminController {
  private readonly logger = new Logger('Admin');

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Backfill: DayEnded for every date up to `until − 1 day`, so every customer is evaluated at
   * `until`. Refused (422, nothing appended) when `until` is more than 5 minutes after the
   * server clock, or when it would append more than CLOCK_ADVANCE_MAX_TICKS ticks.
   */
  @Post('clock/advance')
  @HttpCode(200)
  async advanceClock(@Body() body: { until?: unknown } | null, @Req() request: AuthenticatedRequest) {
    const until = body?.until;
    if (typeof until !== 'string' || parseDate(until) === null) throw badRequest('until', 'must be a date YYYY-MM-DD');
    try {
      const dates = await this.commands.execute(new AdvanceClockCommand(until, { actor: actorOf(request), maxTicks: this.config.clockAdvanceMaxTicks }));
      const result = { ticks: dates.length, first: dates[0] ?? null, last: dates[dates.length - 1] ?? null };
      this.logger.log({ event: 'admin.clock_advanced', until, ...result, msg: `clock advanced to ${until}: ${dates.length} ticks` });
      return result;
    } catch (error) {
      if (error instanceof FutureClockError || error instanceof ClockAdvanceLimitError) {
        throw new ApiError(422, error.code, error.message, [{ path: 'until', reason: error.message.replace(/^until: /, '') }]);
      }
      throw error;
    }
  }

  /** Starts a rebuild into a new projection version; the current one serves until the switch. */
  @Post('projections/rebuild')
  @HttpCode(202)
  async rebuild(@Req() request: AuthenticatedRequest) {
    try {
      const started = await this.commands.execute(new StartProjectionRebuildCommand(actorOf(request)));
      this.logger.log({ event: 'admin.rebuild_started', fromVersion: started.fromVersion, toVersion: started.toVersion, msg: `rebuild ${started.fromVersion} → ${started.toVersion} started` });
      return started;
    } catch (error) {
      if (error instanceof RebuildInProgressError) throw new ApiError(409, 'REBUILD_RUNNING', error.message);
      throw error;
    }
  }

  /** The served version, every version, and the progress of this process's current or last rebuild. */
  @Get('projections')
  projectionVersions() {
    return this.queries.execute(new ListProjectionVersionsQuery());
  }

  /** The admin audit trail (who, what, when, outcome), oldest first, a page from `fromRevision`. */
  @Get('audit-log')
  async auditLog(@Query('fromRevision') fromRevision?: string, @Query('limit') limit?: string) {
    const from = fromRevision ?? '0';
    if (!/^\d{1,19}$/.test(from)) throw badRequest('query.fromRevision', 'must be a stream revision (a non-negative integer)');
    const size = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(size) || size < 1 || size > 1000) throw badRequest('query.limit', 'must be an integer 1-1000');
    return this.queries.execute(new GetAdminLogQuery(BigInt(from), size));
  }
}
