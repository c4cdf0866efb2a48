import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { CutoffsRange } from '../../queries/query-results.js';
import { LifecycleQueries } from '../../queries/lifecycle-queries.js';
import { GetCutoffsRangeQuery } from './get-cutoffs-range.query.js';

@QueryHandler(GetCutoffsRangeQuery)
export class GetCutoffsRangeHandler implements IQueryHandler<GetCutoffsRangeQuery> {
  constructor(private readonly queries: LifecycleQueries) {}

  execute({ from, to }: GetCutoffsRangeQuery): Promise<CutoffsRange> {
    return this.queries.cutoffsRange(from, to);
  }
}
