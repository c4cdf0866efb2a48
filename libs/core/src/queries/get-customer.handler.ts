import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { CustomerProfile } from '@lifecycle/domain';
import type { QueryStore } from '@lifecycle/read-model';
import { READ_MODEL } from '../nest/tokens.js';
import { GetCustomerQuery } from './get-customer.query.js';

@QueryHandler(GetCustomerQuery)
export class GetCustomerHandler implements IQueryHandler<GetCustomerQuery> {
  constructor(@Inject(READ_MODEL) private readonly readModel: QueryStore) {}

  execute({ customerId }: GetCustomerQuery): Promise<CustomerProfile | null> {
    return this.readModel.getProfile(customerId);
  }
}
