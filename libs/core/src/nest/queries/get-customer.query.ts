import { Query } from '@nestjs/cqrs';
import type { CustomerProfile } from '@lifecycle/domain';

/** One customer's profile; null for an unknown customer. */
export class GetCustomerQuery extends Query<CustomerProfile | null> {
  constructor(
    readonly customerId: string,
  ) {
    super();
  }
}
