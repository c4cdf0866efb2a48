import { Query } from '@nestjs/cqrs';
import type { VerifyReport } from '../../audit/verify-projection.js';

/** Replays the log into a scratch projection, compares it with the live read model, checks the hash chains. */
export class VerifyProjectionQuery extends Query<VerifyReport> {
  constructor(
    /** Called after each replayed batch with its last position and the log's head. */
    readonly onProgress?: (position: bigint, head: bigint) => void,
  ) {
    super();
  }
}
