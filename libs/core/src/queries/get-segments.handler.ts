import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { LOYALTY_LEVELS, STATUSES, VALUE_TIERS } from '@lifecycle/domain';
import type { QueryStore } from '@lifecycle/read-model';
import { READ_MODEL } from '../nest/tokens.js';
import { GetSegmentsQuery, type Segments } from './get-segments.query.js';

/** Every value of a classification with its count, zeros included, in the classification's order. */
const everyBucket = (values: readonly string[], counts: Record<string, number>): Record<string, number> => ({
  ...Object.fromEntries(values.map((value) => [value, 0])),
  ...counts,
});

@QueryHandler(GetSegmentsQuery)
export class GetSegmentsHandler implements IQueryHandler<GetSegmentsQuery> {
  constructor(@Inject(READ_MODEL) private readonly readModel: QueryStore) {}

  async execute(): Promise<Segments> {
    const [counts, meta] = await Promise.all([this.readModel.segmentCounts(), this.readModel.loadMeta()]);
    return {
      ...counts,
      status: everyBucket(STATUSES, counts.status),
      loyaltyLevel: everyBucket(LOYALTY_LEVELS, counts.loyaltyLevel),
      valueTier: everyBucket(VALUE_TIERS, counts.valueTier),
      clockDate: meta.clockDate,
      cutoffs: meta.cutoffs,
    };
  }
}
