import { Controller, Get, Param, Query } from '@nestjs/common';
import { parseInstant } from '@lifecycle/domain';
import { QueryBus } from '@nestjs/cqrs';
import { ExplainCustomerQuery, GetAsOfQuery, GetCustomerQuery, GetHistoryQuery, GetTransitionsQuery } from '@lifecycle/core/nest';
import { InvalidCursorError } from '@lifecycle/read-model';
import { ApiError, badRequest } from '../http/api-error.js';
import { Consistency } from '../http/consistency.js';
import { parseInt64 } from '../http/int64.js';
import { RequireRole } from '../auth/roles.js';

const limitOf = (value: string | undefined, fallback: number): number => {
  const limit = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw badRequest('query.limit', 'must be an integer 1-1000');
  return limit;
};

const notFound = (customerId: string) => new ApiError(404, 'CUSTOMER_NOT_FOUND', `no customer ${customerId}`);

/** For auditors: raw history, what was true at an instant, every transition, and why. */
@Controller('customers/:customerId')
@RequireRole('audit')
export class AuditController {
  constructor(
    private readonly queries: QueryBus,
    private readonly consistency: Consistency,
  ) {}

  @Get('history')
  async history(@Param('customerId') customerId: string, @Query() query: Record<string, string | undefined>) {
    await this.consistency.awaitPosition(query.minPosition);
    const from = parseInt64(query.fromRevision ?? '0', 'query.fromRevision', 'a stream revision');
    const page = await this.queries.execute(new GetHistoryQuery(customerId, from, limitOf(query.limit, 100)));
    if (!page) throw notFound(customerId);
    return page;
  }

  @Get('as-of')
  async asOf(@Param('customerId') customerId: string, @Query('at') at?: string, @Query('minPosition') minPosition?: string) {
    await this.consistency.awaitPosition(minPosition);
    const instant = at === undefined ? null : parseInstant(at);
    if (instant === null) throw badRequest('query.at', 'must be an ISO-8601 instant with a zone, e.g. 1998-01-01T00:00:00Z');
    const result = await this.queries.execute(new GetAsOfQuery(customerId, instant));
    if (!result) throw new ApiError(404, 'CUSTOMER_NOT_FOUND', `no customer ${customerId} at ${at}`);
    return { ...result, transitions: result.transitions.map((tr) => ({ ...tr, t: new Date(tr.t).toISOString() })) };
  }

  @Get('transitions')
  async transitions(@Param('customerId') customerId: string, @Query() query: Record<string, string | undefined>) {
    await this.consistency.awaitPosition(query.minPosition);
    try {
      const page = await this.queries.execute(new GetTransitionsQuery(customerId, limitOf(query.limit, 100), query.cursor ?? null));
      if (page.items.length === 0 && !query.cursor && !(await this.queries.execute(new GetCustomerQuery(customerId)))) throw notFound(customerId);
      return { ...page, items: page.items.map((tr) => ({ ...tr, t: new Date(tr.t).toISOString(), position: tr.position.toString() })) };
    } catch (error) {
      if (error instanceof InvalidCursorError) throw badRequest('query.cursor', 'not a cursor returned by this API');
      throw error;
    }
  }

  @Get('explain')
  async explain(@Param('customerId') customerId: string, @Query('minPosition') minPosition?: string) {
    await this.consistency.awaitPosition(minPosition);
    const result = await this.queries.execute(new ExplainCustomerQuery(customerId));
    if (!result) throw notFound(customerId);
    return result;
  }
}
