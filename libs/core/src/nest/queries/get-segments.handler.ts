import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Segments } from '../../queries/query-results.js';
import { LifecycleQueries } from '../../queries/lifecycle-queries.js';
import { GetSegmentsQuery } from './get-segments.query.js';

@QueryHandler(GetSegmentsQuery)
export class GetSegmentsHandler implements IQueryHandler<GetSegmentsQuery> {
  constructor(private readonly queries: LifecycleQueries) {}

  execute(): Promise<Segments> {
    return this.queries.segments();
  }
}
