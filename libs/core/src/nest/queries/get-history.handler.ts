import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { HistoryPage } from '../../queries/query-results.js';
import { LifecycleQueries } from '../../queries/lifecycle-queries.js';
import { GetHistoryQuery } from './get-history.query.js';

@QueryHandler(GetHistoryQuery)
export class GetHistoryHandler implements IQueryHandler<GetHistoryQuery> {
  constructor(private readonly queries: LifecycleQueries) {}

  execute({ customerId, fromRevision, limit }: GetHistoryQuery): Promise<HistoryPage | null> {
    return this.queries.history(customerId, fromRevision, limit);
  }
}
