import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { CustomerProfile } from '@lifecycle/domain';
import type { Page } from '@lifecycle/read-model';
import { LifecycleQueries } from '../../queries/lifecycle-queries.js';
import { ListCustomersQuery } from './list-customers.query.js';

@QueryHandler(ListCustomersQuery)
export class ListCustomersHandler implements IQueryHandler<ListCustomersQuery> {
  constructor(private readonly queries: LifecycleQueries) {}

  execute({ filter, limit, cursor }: ListCustomersQuery): Promise<Page<CustomerProfile>> {
    return this.queries.customers(filter, limit, cursor);
  }
}
