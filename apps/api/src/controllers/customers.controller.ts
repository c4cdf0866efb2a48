import { Controller, Get, Param, Query } from '@nestjs/common';
import { LOYALTY_LEVELS, STATUSES, VALUE_TIERS } from '@lifecycle/domain';
import { QueryBus } from '@nestjs/cqrs';
import { GetCustomerQuery, ListCustomersQuery } from '@lifecycle/core/nest';
import { InvalidCursorError } from '@lifecycle/read-model';
import { ApiError, badRequest } from '../http/api-error.js';
import { Consistency } from '../http/consistency.js';
import { RequireRole } from '../auth/roles.js';

const oneOf = (name: string, value: string | undefined, allowed: readonly string[]): string | undefined => {
  if (value === undefined || value === '') return undefined;
  if (!allowed.includes(value)) throw badRequest(`query.${name}`, `must be one of ${allowed.join('|')}`);
  return value;
};

@Controller('customers')
@RequireRole('query')
export class CustomersController {
  constructor(
    private readonly queries: QueryBus,
    private readonly consistency: Consistency,
  ) {}

  @Get(':customerId')
  async get(@Param('customerId') customerId: string, @Query('minPosition') minPosition?: string) {
    await this.consistency.awaitPosition(minPosition);
    const profile = await this.queries.execute(new GetCustomerQuery(customerId));
    if (!profile) throw new ApiError(404, 'CUSTOMER_NOT_FOUND', `no customer ${customerId}`);
    return profile;
  }

  @Get()
  async list(@Query() query: Record<string, string | undefined>) {
    await this.consistency.awaitPosition(query.minPosition);
    const filter = {
      status: oneOf('status', query.status, STATUSES),
      loyaltyLevel: oneOf('loyaltyLevel', query.loyaltyLevel, LOYALTY_LEVELS),
      valueTier: oneOf('valueTier', query.valueTier, VALUE_TIERS),
    };
    const limit = query.limit === undefined ? 100 : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw badRequest('query.limit', 'must be an integer 1-1000');
    try {
      return await this.queries.execute(new ListCustomersQuery(filter, limit, query.cursor ?? null));
    } catch (error) {
      if (error instanceof InvalidCursorError) throw badRequest('query.cursor', 'not a cursor returned by this API');
      throw error;
    }
  }
}
