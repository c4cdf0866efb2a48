import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { LifecycleQueries } from '../../queries/lifecycle-queries.js';
import { GetLogHeadQuery } from './get-log-head.query.js';

@QueryHandler(GetLogHeadQuery)
export class GetLogHeadHandler implements IQueryHandler<GetLogHeadQuery> {
  constructor(private readonly queries: LifecycleQueries) {}

  execute(): Promise<bigint> {
    return this.queries.logHead();
  }
}
