import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { customerStream, type EventStore } from '@lifecycle/event-store';
import { EVENT_STORE } from '../nest/tokens.js';
import { GetHistoryQuery, type HistoryPage } from './get-history.query.js';

@QueryHandler(GetHistoryQuery)
export class GetHistoryHandler implements IQueryHandler<GetHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ customerId, fromRevision, limit }: GetHistoryQuery): Promise<HistoryPage | null> {
    const streamId = customerStream(customerId);
    const page = await this.events.readStream(streamId, fromRevision, limit + 1);
    if (page.length === 0 && fromRevision === 0n) return null;
    const items = page.slice(0, limit).map((e) => {
      const { occurredAt, ...data } = e.data as { occurredAt: string };
      return {
        eventId: e.eventId, type: e.type, streamId: e.streamId, revision: e.revision.toString(), position: e.position.toString(),
        occurredAt, recordedAt: e.recordedAt, data, metadata: e.metadata,
      };
    });
    return { items, nextRevision: page.length > limit ? page[limit].revision.toString() : null };
  }
}
