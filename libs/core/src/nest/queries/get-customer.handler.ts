import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { CustomerProfile } from '@lifecycle/domain';
import { LifecycleQueries } from '../../queries/lifecycle-queries.js';
import { GetCustomerQuery } from './get-customer.query.js';

@QueryHandler(GetCustomerQuery)
export class GetCustomerHandler implements IQueryHandler<GetCustomerQuery> {
  constructor(private readonly queries: LifecycleQueries) {}

  execute({ customerId }: GetCustomerQuery): Promise<CustomerProfile | null> {
    return this.queries.customer(customerId);
  }
}
