import { Query } from '@nestjs/cqrs';
import type { AdminLogPage } from '../../queries/query-results.js';

/** A page of the admin audit trail (who, what, when, outcome), oldest first, from `fromRevision`. */
export class GetAdminLogQuery extends Query<AdminLogPage> {
  constructor(
    readonly fromRevision: bigint,
    readonly limit: number,
  ) {
    super();
  }
}
