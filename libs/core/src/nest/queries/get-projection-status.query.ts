import { Query } from '@nestjs/cqrs';
import type { ProjectorService, ProjectorStatus } from '../../projection/projector.service.js';
import type { RebuildProgress } from '../../projection/rebuild-progress.js';

export interface ProjectionStatus {
  /** The projector: checkpoint, lag, clock, last error, and the foreign events it skipped. */
  projector: ProjectorStatus & ReturnType<ProjectorService['foreignEvents']>;
  /** The served projection version and this process's current or last rebuild. */
  projection: { version: string; rebuild: RebuildProgress | null };
}

/** The state of the projection in this process, for the health endpoint. */
export class GetProjectionStatusQuery extends Query<ProjectionStatus> {}
