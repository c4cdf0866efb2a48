import { Query } from '@nestjs/cqrs';
import type { ProjectionVersion } from '@lifecycle/read-model';
import type { RebuildProgress } from '../../projection/runtime/rebuild-progress.js';

export interface ProjectionVersions {
  /** The version this process serves. */
  served: string;
  versions: ProjectionVersion[];
  /** This process's current or last rebuild. */
  rebuild: RebuildProgress | null;
}

/** The served projection version, every version in the catalog, and the progress of the current or last rebuild. */
export class ListProjectionVersionsQuery extends Query<ProjectionVersions> {}
