import { Query } from '@nestjs/cqrs';
import type { LifecycleEvent } from '@lifecycle/domain';
import type { ExportFilter } from '../../audit/export-log.js';

/** The log in the import format, in log order, DayEnded ticks included, streamed a batch at a time. */
export class ExportLogQuery extends Query<AsyncIterable<LifecycleEvent[]>> {
  constructor(
    readonly filter: ExportFilter = {},
  ) {
    super();
  }
}
