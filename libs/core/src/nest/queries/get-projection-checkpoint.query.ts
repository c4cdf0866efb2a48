import { Query } from '@nestjs/cqrs';

/** The log position the served read model has projected up to; null before its first event. */
export class GetProjectionCheckpointQuery extends Query<bigint | null> {}
