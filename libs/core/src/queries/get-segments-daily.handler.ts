import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DAY_MS, parseDate } from '@lifecycle/domain';
import type { QueryStore } from '@lifecycle/read-model';
import { READ_MODEL } from '../nest/tokens.js';
import { GetSegmentsDailyQuery, type SegmentsDaily } from './get-segments-daily.query.js';
import { segmentSeries } from './segment-series.js';

@QueryHandler(GetSegmentsDailyQuery)
export class GetSegmentsDailyHandler implements IQueryHandler<GetSegmentsDailyQuery> {
  constructor(@Inject(READ_MODEL) private readonly readModel: QueryStore) {}

  async execute({ from, to }: GetSegmentsDailyQuery): Promise<SegmentsDaily> {
    const start = parseDate(from) as number;
    const end = (parseDate(to) as number) + DAY_MS;
    const [before, daily] = await Promise.all([
      this.readModel.transitionTalliesBefore(start),
      this.readModel.dailyTransitionTallies(start, end),
    ]);
    return { from, to, days: segmentSeries(from, to, before, daily) };
  }
}
