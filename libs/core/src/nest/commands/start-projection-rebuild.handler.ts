import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AdminAction, AdminEntry } from '../../event-log/admin-log.js';
import { LifecycleCommands } from '../../commands/lifecycle-commands.js';
import { RebuildInProgressError } from '../../projection/runtime/rebuild-in-progress.error.js';
import { ProjectionVersionsService } from '../projection-versions.service.js';
import type { RebuildProgress } from '../../projection/runtime/rebuild-progress.js';
import { StartProjectionRebuildCommand } from './start-projection-rebuild.command.js';

@CommandHandler(StartProjectionRebuildCommand)
export class StartProjectionRebuildHandler implements ICommandHandler<StartProjectionRebuildCommand> {
  constructor(
    private readonly versions: ProjectionVersionsService,
    private readonly commands: LifecycleCommands,
  ) {}

  async execute({ actor }: StartProjectionRebuildCommand): Promise<RebuildProgress> {
    // The rebuild goes on without its audit record rather than fail for it.
    const audit = (action: AdminAction, outcome: AdminEntry['outcome'], details: Record<string, unknown>) =>
      this.commands.recordAdminAction({ actor, action, outcome, details }).catch(() => undefined);
    try {
      const started = await this.versions.start((progress) => {
        if (progress.state === 'dropping-old' || progress.state === 'failed') {
          void audit('projections.switch', progress.state === 'failed' ? 'failed' : 'ok', {
            fromVersion: progress.fromVersion, toVersion: progress.toVersion, ...(progress.error ? { error: progress.error } : {}),
          });
        }
      });
      await audit('projections.rebuild', 'ok', { fromVersion: started.fromVersion, toVersion: started.toVersion });
      return started;
    } catch (error) {
      if (error instanceof RebuildInProgressError) await audit('projections.rebuild', 'rejected', { code: 'REBUILD_RUNNING' });
      else await audit('projections.rebuild', 'failed', { error: (error as Error).message });
      throw error;
    }
  }
}
