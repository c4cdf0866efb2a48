import { Injectable } from '@nestjs/common';
import { ProjectorService } from '@lifecycle/core/nest';
import { ApiError } from './api-error.js';
import { parseInt64 } from './int64.js';

const MAX_WAIT_MS = 5000;

/** Read-your-writes: a query with `minPosition` waits (5 s at most) until the projection has passed it. */
@Injectable()
export class Consistency {
  constructor(private readonly projector: ProjectorService) {}

  async awaitPosition(minPosition: string | undefined): Promise<void> {
    if (minPosition === undefined || minPosition === '') return;
    const position = parseInt64(minPosition, 'query.minPosition', 'a log position');
    const reached = await this.projector.waitFor(position, MAX_WAIT_MS);
    if (!reached) {
      throw new ApiError(503, 'PROJECTION_LAGGING', `the read model has not reached position ${minPosition} within ${MAX_WAIT_MS} ms; retry later`);
    }
  }
}
