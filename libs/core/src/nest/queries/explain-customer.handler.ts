import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { CustomerExplanation } from '../../queries/query-results.js';
import { LifecycleQueries } from '../../queries/lifecycle-queries.js';
import { ExplainCustomerQuery } from './explain-customer.query.js';

@QueryHandler(ExplainCustomerQuery)
export class ExplainCustomerHandler implements IQueryHandler<ExplainCustomerQuery> {
  constructor(private readonly queries: LifecycleQueries) {}

  execute({ customerId }: ExplainCustomerQuery): Promise<CustomerExplanation | null> {
    return this.queries.explain(customerId);
  }
}
