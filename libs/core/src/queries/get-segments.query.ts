import { Query } from '@nestjs/cqrs';
import type { Cutoffs } from '@lifecycle/domain';
import type { SegmentCounts } from '@lifecycle/read-model';

export interface Segments extends SegmentCounts {
  clockDate: string | null;
  cutoffs: Cutoffs | null;
}

export class GetSegmentsQuery extends Query<Segments> {}
