import { Query } from '@nestjs/cqrs';
import type { TransitionFilter, TransitionKey } from '@lifecycle/read-model';
import type { FeedRead } from '../../integration/transition-feed.js';

/** Integration events after `after` matching the filter, waiting up to `waitMs` for a first one (until `signal` aborts). */
export class ReadFeedQuery extends Query<FeedRead> {
  constructor(
    readonly after: TransitionKey | null,
    readonly filter: TransitionFilter,
    readonly limit: number,
    readonly waitMs: number,
    readonly signal?: AbortSignal,
  ) {
    super();
  }
}
