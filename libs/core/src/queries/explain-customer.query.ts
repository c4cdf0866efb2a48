import { Query } from '@nestjs/cqrs';
import type { Explanation } from '@lifecycle/domain';

export class ExplainCustomerQuery extends Query<{ customerId: string; t: string; explanations: Explanation[] } | null> {
  constructor(readonly customerId: string) {
    super();
  }
}
