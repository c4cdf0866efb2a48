import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { CustomerProfile } from '@lifecycle/domain';
import { LifecycleQueries } from '../../queries/lifecycle-queries.js';
import { ExportCustomersQuery } from './export-customers.query.js';

@QueryHandler(ExportCustomersQuery)
export class ExportCustomersHandler implements IQueryHandler<ExportCustomersQuery> {
  constructor(private readonly queries: LifecycleQueries) {}

  async execute(): Promise<AsyncIterable<CustomerProfile[]>> {
    return this.queries.allCustomers();
  }
}
