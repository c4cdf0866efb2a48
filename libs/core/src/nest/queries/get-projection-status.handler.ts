import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ProjectionVersionsService } from '../projection-versions.service.js';
import { ProjectorService } from '../projector.service.js';
import { GetProjectionStatusQuery, type ProjectionStatus } from './get-projection-status.query.js';

@QueryHandler(GetProjectionStatusQuery)
export class GetProjectionStatusHandler implements IQueryHandler<GetProjectionStatusQuery> {
  constructor(
    private readonly projector: ProjectorService,
    private readonly projections: ProjectionVersionsService,
  ) {}

  async execute(): Promise<ProjectionStatus> {
    const status = await this.projector.status();
    return {
      projector: { ...status, ...this.projector.foreignEvents() },
      projection: { version: this.projections.version, rebuild: this.projections.progress },
    };
  }
}
