import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { QueryStore } from '@lifecycle/read-model';
import { READ_MODEL } from '../tokens.js';
import { GetSegmentsQuery, type Segments } from './get-segments.query.js';

@QueryHandler(GetSegmentsQuery)
export class GetSegmentsHandler implements IQueryHandler<GetSegmentsQuery> {
  constructor(@Inject(READ_MODEL) private readonly readModel: QueryStore) {}

  async execute(): Promise<Segments> {
    const [counts, meta] = await Promise.all([this.readModel.segmentCounts(), this.readModel.loadMeta()]);
    return { ...counts, clockDate: meta.clockDate, cutoffs: meta.cutoffs };
  }
}
