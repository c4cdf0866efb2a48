import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { AdminLogPage } from '../../queries/query-results.js';
import { LifecycleQueries } from '../../queries/lifecycle-queries.js';
import { GetAdminLogQuery } from './get-admin-log.query.js';

@QueryHandler(GetAdminLogQuery)
export class GetAdminLogHandler implements IQueryHandler<GetAdminLogQuery> {
  constructor(private readonly queries: LifecycleQueries) {}

  execute({ fromRevision, limit }: GetAdminLogQuery): Promise<AdminLogPage> {
    return this.queries.adminLog(fromRevision, limit);
  }
}
