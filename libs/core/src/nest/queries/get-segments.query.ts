import { Query } from '@nestjs/cqrs';
import type { Segments } from '../../queries/query-results.js';

/** Counts per status, loyalty level and value tier (every bucket, zeros included), the clock and the cutoffs. */
export class GetSegmentsQuery extends Query<Segments> {}
