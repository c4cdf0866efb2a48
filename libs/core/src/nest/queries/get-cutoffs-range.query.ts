import { Query } from '@nestjs/cqrs';
import type { CutoffsRange } from '../../queries/query-results.js';

/** The value-tier cutoffs kept per DayEnded date from `from` to `to` (YYYY-MM-DD, both included). */
export class GetCutoffsRangeQuery extends Query<CutoffsRange> {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}
