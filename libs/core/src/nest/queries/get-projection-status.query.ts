import { Query } from '@nestjs/cqrs';
import type { ProjectorStatus } from '../../projection/runtime/projector-status.js';
import type { ProjectorService } from '../projector.service.js';
import type { RebuildProgress } from '../../projection/runtime/rebuild-progress.js';

export interface ProjectionStatus {
  /** The projector: checkpoint, lag, clock, last error, and the foreign events it skipped. */
  projector: ProjectorStatus & ReturnType<ProjectorService['foreignEvents']>;
  /** The served projection version and this process's current or last rebuild. */
  projection: { version: string; rebuild: RebuildProgress | null };
}

/** The state of the projection in this process, for the health endpoint. */
export class GetProjectionStatusQuery extends Query<ProjectionStatus> {}
