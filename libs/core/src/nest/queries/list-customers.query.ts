import { Query } from '@nestjs/cqrs';
import type { CustomerProfile } from '@lifecycle/domain';
import type { CustomerFilter, Page } from '@lifecycle/read-model';

/** A page of profiles matching the filter, from the cursor. */
export class ListCustomersQuery extends Query<Page<CustomerProfile>> {
  constructor(
    readonly filter: CustomerFilter,
    readonly limit: number,
    readonly cursor: string | null,
  ) {
    super();
  }
}
