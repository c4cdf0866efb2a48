import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { SegmentsDaily } from '../../queries/query-results.js';
import { LifecycleQueries } from '../../queries/lifecycle-queries.js';
import { GetSegmentsDailyQuery } from './get-segments-daily.query.js';

@QueryHandler(GetSegmentsDailyQuery)
export class GetSegmentsDailyHandler implements IQueryHandler<GetSegmentsDailyQuery> {
  constructor(private readonly queries: LifecycleQueries) {}

  execute({ from, to }: GetSegmentsDailyQuery): Promise<SegmentsDaily> {
    return this.queries.segmentsDaily(from, to);
  }
}
