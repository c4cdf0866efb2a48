import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ProjectionVersionsService } from '../projection-versions.service.js';
import { ListProjectionVersionsQuery, type ProjectionVersions } from './list-projection-versions.query.js';

@QueryHandler(ListProjectionVersionsQuery)
export class ListProjectionVersionsHandler implements IQueryHandler<ListProjectionVersionsQuery> {
  constructor(private readonly projections: ProjectionVersionsService) {}

  async execute(): Promise<ProjectionVersions> {
    return { served: this.projections.version, versions: await this.projections.versions(), rebuild: this.projections.progress };
  }
}
