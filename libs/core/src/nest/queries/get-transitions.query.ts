import { Query } from '@nestjs/cqrs';
import type { Page, StoredTransition } from '@lifecycle/read-model';

/** A page of a customer's classification transitions, from the cursor. */
export class GetTransitionsQuery extends Query<Page<StoredTransition>> {
  constructor(
    readonly customerId: string,
    readonly limit: number,
    readonly cursor: string | null,
  ) {
    super();
  }
}
