import { Query } from '@nestjs/cqrs';
import type { CustomerExplanation } from '../../queries/query-results.js';

/** Why a customer holds each of its classifications; null for an unknown customer. */
export class ExplainCustomerQuery extends Query<CustomerExplanation | null> {
  constructor(
    readonly customerId: string,
  ) {
    super();
  }
}
