import { Query } from '@nestjs/cqrs';
import type { Page, StoredTransition } from '@lifecycle/read-model';

export class GetTransitionsQuery extends Query<Page<StoredTransition>> {
  constructor(
    readonly customerId: string,
    readonly limit: number,
    readonly cursor: string | null,
  ) {
    super();
  }
}
