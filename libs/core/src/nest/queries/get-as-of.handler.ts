import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { AsOf } from '../../audit/customer-as-of.js';
import { LifecycleQueries } from '../../queries/lifecycle-queries.js';
import { GetAsOfQuery } from './get-as-of.query.js';

@QueryHandler(GetAsOfQuery)
export class GetAsOfHandler implements IQueryHandler<GetAsOfQuery> {
  constructor(private readonly queries: LifecycleQueries) {}

  execute({ customerId, at }: GetAsOfQuery): Promise<AsOf | null> {
    return this.queries.asOf(customerId, at);
  }
}
