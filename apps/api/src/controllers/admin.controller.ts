import { Body, Controller, Get, HttpCode, Inject, Logger, Post, Query, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { parseDate } from '@lifecycle/domain';
import { type AppConfig, ClockAdvanceLimitError, FutureClockError, recordAdminAction } from '@lifecycle/core';
import {
  AdvanceClockCommand, APP_CONFIG, EVENT_STORE, GetAdminLogQuery, ProjectionVersionsService, RebuildInProgressError, WALL_CLOCK, type WallClock,
} from '@lifecycle/core/nest';
import type { EventStore } from '@lifecycle/event-store';
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
    private readonly projections: ProjectionVersionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(WALL_CLOCK) private readonly now: WallClock,
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
    const actor = actorOf(request);
    const audit = (action: 'projections.rebuild' | 'projections.switch', outcome: 'ok' | 'rejected' | 'failed', details: Record<string, unknown>) =>
      recordAdminAction(this.events, { actor, action, outcome, details }, this.now).catch(() => undefined);
    try {
      const started = await this.projections.start((progress) => {
        if (progress.state === 'dropping-old' || progress.state === 'failed') {
          void audit('projections.switch', progress.state === 'failed' ? 'failed' : 'ok', {
            fromVersion: progress.fromVersion, toVersion: progress.toVersion, ...(progress.error ? { error: progress.error } : {}),
          });
        }
      });
      await audit('projections.rebuild', 'ok', { fromVersion: started.fromVersion, toVersion: started.toVersion });
      this.logger.log({ event: 'admin.rebuild_started', fromVersion: started.fromVersion, toVersion: started.toVersion, msg: `rebuild ${started.fromVersion} → ${started.toVersion} started` });
      return started;
    } catch (error) {
      if (error instanceof RebuildInProgressError) {
        await audit('projections.rebuild', 'rejected', { code: 'REBUILD_RUNNING' });
        throw new ApiError(409, 'REBUILD_RUNNING', error.message);
      }
      await audit('projections.rebuild', 'failed', { error: (error as Error).message });
      throw error;
    }
  }

  /** The served version, every version, and the progress of this process's current or last rebuild. */
  @Get('projections')
  async projectionVersions() {
    return { served: this.projections.version, versions: await this.projections.versions(), rebuild: this.projections.progress };
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
