import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { LifecycleQueries } from '../../queries/lifecycle-queries.js';
import { GetProjectionCheckpointQuery } from './get-projection-checkpoint.query.js';

@QueryHandler(GetProjectionCheckpointQuery)
export class GetProjectionCheckpointHandler implements IQueryHandler<GetProjectionCheckpointQuery> {
  constructor(private readonly queries: LifecycleQueries) {}

  execute(): Promise<bigint | null> {
    return this.queries.checkpoint();
  }
}
