import { Query } from '@nestjs/cqrs';
import type { Cutoffs } from '@lifecycle/domain';

export interface CutoffsRange {
  from: string;
  to: string;
  /** The base currency of the net12 thresholds (minor units). */
  currency: string;
  items: Array<{ date: string } & Cutoffs>;
}

/** The value-tier cutoffs kept per DayEnded date from `from` to `to` (YYYY-MM-DD, both included). */
export class GetCutoffsRangeQuery extends Query<CutoffsRange> {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}
