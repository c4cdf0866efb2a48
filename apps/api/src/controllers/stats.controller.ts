import { Controller, Get, Query } from '@nestjs/common';
import { DAY_MS, parseDate } from '@lifecycle/domain';
import { QueryBus } from '@nestjs/cqrs';
import { GetCutoffsRangeQuery, GetSegmentsDailyQuery } from '@lifecycle/core/nest';
import { RequireRole } from '../auth/roles.js';
import { badRequest } from '../http/api-error.js';

/** The longest range one request may ask for, in days (both ends included). */
export const MAX_STATS_DAYS = 731;

const dateParam = (name: string, value: unknown): string => {
  if (value === undefined || value === '') throw badRequest(`query.${name}`, 'is required (a date YYYY-MM-DD)');
  if (typeof value !== 'string' || parseDate(value) === null) throw badRequest(`query.${name}`, 'must be one date YYYY-MM-DD');
  return value;
};

/** `from` and `to`: two dates, `from` ≤ `to`, at most MAX_STATS_DAYS days apart (both included). */
function dateRange(query: Record<string, unknown>): { from: string; to: string } {
  const from = dateParam('from', query.from);
  const to = dateParam('to', query.to);
  const span = ((parseDate(to) as number) - (parseDate(from) as number)) / DAY_MS + 1;
  if (span < 1) throw badRequest('query.to', `must not be before from (${from})`);
  if (span > MAX_STATS_DAYS) throw badRequest('query.to', `the range may span at most ${MAX_STATS_DAYS} days (it spans ${span})`);
  return { from, to };
}

/** The dashboard's series: segment sizes and flows per day, and the value-tier cutoffs per date. */
@Controller('stats')
@RequireRole('query')
export class StatsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('segments/daily')
  segmentsDaily(@Query() query: Record<string, unknown>) {
    const { from, to } = dateRange(query);
    return this.queries.execute(new GetSegmentsDailyQuery(from, to));
  }

  @Get('cutoffs')
  cutoffs(@Query() query: Record<string, unknown>) {
    const { from, to } = dateRange(query);
    return this.queries.execute(new GetCutoffsRangeQuery(from, to));
  }
}
