import { Command } from '@nestjs/cqrs';
import type { RebuildProgress } from '../../projection/runtime/rebuild-progress.js';

/**
 * Builds a new projection version from position 0 while the current one serves, switches to it
 * atomically and drops the old one; answers the final progress once the new version serves.
 * The start and the switch are recorded for `actor` in the admin audit trail.
 */
export class RebuildProjectionCommand extends Command<RebuildProgress | null> {
  constructor(
    readonly actor: string,
    readonly onProgress?: (progress: RebuildProgress) => void,
  ) {
    super();
  }
}
