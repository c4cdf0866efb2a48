import { Query } from '@nestjs/cqrs';
import type { SegmentDay } from './segment-series.js';

export interface SegmentsDaily {
  from: string;
  to: string;
  days: SegmentDay[];
}

/** Segment sizes and flows per day from `from` to `to` (YYYY-MM-DD, both included), from the transition log. */
export class GetSegmentsDailyQuery extends Query<SegmentsDaily> {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}
