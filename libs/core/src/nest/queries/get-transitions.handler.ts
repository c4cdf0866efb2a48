import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Page, StoredTransition } from '@lifecycle/read-model';
import { LifecycleQueries } from '../../queries/lifecycle-queries.js';
import { GetTransitionsQuery } from './get-transitions.query.js';

@QueryHandler(GetTransitionsQuery)
export class GetTransitionsHandler implements IQueryHandler<GetTransitionsQuery> {
  constructor(private readonly queries: LifecycleQueries) {}

  execute({ customerId, limit, cursor }: GetTransitionsQuery): Promise<Page<StoredTransition>> {
    return this.queries.transitions(customerId, limit, cursor);
  }
}
