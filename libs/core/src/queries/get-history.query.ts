import { Query } from '@nestjs/cqrs';

export interface HistoryEvent {
  eventId: string;
  type: string;
  streamId: string;
  revision: string;
  position: string;
  occurredAt: string;
  recordedAt: string;
  data: unknown;
  metadata: Record<string, string>;
}

export interface HistoryPage {
  items: HistoryEvent[];
  /** The revision to pass as `fromRevision` for the next page, or null at the end. */
  nextRevision: string | null;
}

/** A customer's raw events with their stream revision, global position and both times. */
export class GetHistoryQuery extends Query<HistoryPage | null> {
  constructor(
    readonly customerId: string,
    readonly fromRevision: bigint,
    readonly limit: number,
  ) {
    super();
  }
}
