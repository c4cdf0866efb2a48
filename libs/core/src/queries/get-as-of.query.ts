import { Query } from '@nestjs/cqrs';
import type { AsOf } from '../audit/customer-as-of.js';

export class GetAsOfQuery extends Query<AsOf | null> {
  constructor(
    readonly customerId: string,
    readonly at: number,
  ) {
    super();
  }
}
