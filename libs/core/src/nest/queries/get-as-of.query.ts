import { Query } from '@nestjs/cqrs';
import type { AsOf } from '../../audit/customer-as-of.js';

/** A customer's classification as it was at `at` (epoch ms), replayed from the log; null when unknown then. */
export class GetAsOfQuery extends Query<AsOf | null> {
  constructor(
    readonly customerId: string,
    readonly at: number,
  ) {
    super();
  }
}
