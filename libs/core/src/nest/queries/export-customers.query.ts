import { Query } from '@nestjs/cqrs';
import type { CustomerProfile } from '@lifecycle/domain';

/** Every profile, sorted by customerId, streamed a page at a time. */
export class ExportCustomersQuery extends Query<AsyncIterable<CustomerProfile[]>> {}
