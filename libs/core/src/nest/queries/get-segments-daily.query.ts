import { Query } from '@nestjs/cqrs';
import type { SegmentsDaily } from '../../queries/query-results.js';

/** Segment sizes and flows per day from `from` to `to` (YYYY-MM-DD, both included). */
export class GetSegmentsDailyQuery extends Query<SegmentsDaily> {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}
