import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { CustomerProfile } from '@lifecycle/domain';
import type { Page, QueryStore } from '@lifecycle/read-model';
import { READ_MODEL } from '../nest/tokens.js';
import { ListCustomersQuery } from './list-customers.query.js';

@QueryHandler(ListCustomersQuery)
export class ListCustomersHandler implements IQueryHandler<ListCustomersQuery> {
  constructor(@Inject(READ_MODEL) private readonly readModel: QueryStore) {}

  execute({ filter, limit, cursor }: ListCustomersQuery): Promise<Page<CustomerProfile>> {
    return this.readModel.listProfiles(filter, limit, cursor);
  }
}
