import { Query } from '@nestjs/cqrs';
import type { CustomerProfile } from '@lifecycle/domain';

export class GetCustomerQuery extends Query<CustomerProfile | null> {
  constructor(readonly customerId: string) {
    super();
  }
}
