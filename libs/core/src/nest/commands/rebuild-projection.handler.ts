import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LifecycleCommands } from '../../commands/lifecycle-commands.js';
import { ProjectionVersionsService } from '../projection-versions.service.js';
import type { RebuildProgress } from '../../projection/runtime/rebuild-progress.js';
import { RebuildProjectionCommand } from './rebuild-projection.command.js';

@CommandHandler(RebuildProjectionCommand)
export class RebuildProjectionHandler implements ICommandHandler<RebuildProjectionCommand> {
  constructor(
    private readonly versions: ProjectionVersionsService,
    private readonly commands: LifecycleCommands,
  ) {}

  async execute({ actor, onProgress }: RebuildProjectionCommand): Promise<RebuildProgress | null> {
    const first = await this.versions.start(onProgress);
    const details = { fromVersion: first.fromVersion, toVersion: first.toVersion };
    await this.commands.recordAdminAction({ actor, action: 'projections.rebuild', outcome: 'ok', details });
    try {
      const done = await this.versions.wait();
      await this.commands.recordAdminAction({ actor, action: 'projections.switch', outcome: 'ok', details });
      return done;
    } catch (error) {
      await this.commands.recordAdminAction({ actor, action: 'projections.switch', outcome: 'failed', details: { ...details, error: (error as Error).message } });
      throw error;
    }
  }
}
