import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Page, QueryStore, StoredTransition } from '@lifecycle/read-model';
import { READ_MODEL } from '../nest/tokens.js';
import { GetTransitionsQuery } from './get-transitions.query.js';

@QueryHandler(GetTransitionsQuery)
export class GetTransitionsHandler implements IQueryHandler<GetTransitionsQuery> {
  constructor(@Inject(READ_MODEL) private readonly readModel: QueryStore) {}

  execute({ customerId, limit, cursor }: GetTransitionsQuery): Promise<Page<StoredTransition>> {
    return this.readModel.transitions(customerId, limit, cursor);
  }
}
