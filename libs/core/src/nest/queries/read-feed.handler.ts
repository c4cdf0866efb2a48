import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type FeedRead, TransitionFeed } from '../../integration/transition-feed.js';
import { ReadFeedQuery } from './read-feed.query.js';

@QueryHandler(ReadFeedQuery)
export class ReadFeedHandler implements IQueryHandler<ReadFeedQuery> {
  constructor(private readonly feed: TransitionFeed) {}

  execute({ after, filter, limit, waitMs, signal }: ReadFeedQuery): Promise<FeedRead> {
    return this.feed.readWaiting(after, filter, limit, waitMs, signal);
  }
}
