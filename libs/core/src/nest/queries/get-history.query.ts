import { Query } from '@nestjs/cqrs';
import type { HistoryPage } from '../../queries/query-results.js';

/** A page of a customer's raw events from `fromRevision`; null for a customer without events. */
export class GetHistoryQuery extends Query<HistoryPage | null> {
  constructor(
    readonly customerId: string,
    readonly fromRevision: bigint,
    readonly limit: number,
  ) {
    super();
  }
}
