import { Query } from '@nestjs/cqrs';

/** The position of the last event in the log (-1 for an empty SQLite log). */
export class GetLogHeadQuery extends Query<bigint> {}
