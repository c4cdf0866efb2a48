import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { VerifyReport } from '../../audit/verify-projection.js';
import { LifecycleQueries } from '../../queries/lifecycle-queries.js';
import { VerifyProjectionQuery } from './verify-projection.query.js';

@QueryHandler(VerifyProjectionQuery)
export class VerifyProjectionHandler implements IQueryHandler<VerifyProjectionQuery> {
  constructor(private readonly queries: LifecycleQueries) {}

  execute({ onProgress }: VerifyProjectionQuery): Promise<VerifyReport> {
    return this.queries.verifyProjection(onProgress);
  }
}
