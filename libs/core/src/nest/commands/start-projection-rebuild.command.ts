import { Command } from '@nestjs/cqrs';
import type { RebuildProgress } from '../../projection/runtime/rebuild-progress.js';

/**
 * Starts a rebuild into a new projection version in the background and answers once it runs;
 * the current version serves until the switch. The start, a refusal, and the switch when it
 * happens are recorded for `actor` in the admin audit trail.
 */
export class StartProjectionRebuildCommand extends Command<RebuildProgress> {
  constructor(readonly actor: string) {
    super();
  }
}
