import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { LifecycleEvent } from '@lifecycle/domain';
import { LifecycleQueries } from '../../queries/lifecycle-queries.js';
import { ExportLogQuery } from './export-log.query.js';

@QueryHandler(ExportLogQuery)
export class ExportLogHandler implements IQueryHandler<ExportLogQuery> {
  constructor(private readonly queries: LifecycleQueries) {}

  async execute({ filter }: ExportLogQuery): Promise<AsyncIterable<LifecycleEvent[]>> {
    return this.queries.exportLog(filter);
  }
}
