import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@lifecycle/event-store';
import type { QueryStore } from '@lifecycle/read-model';
import { ClockTicks } from '../audit/clock-ticks.js';
import { type AsOf, customerAsOf } from '../audit/customer-as-of.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG, EVENT_STORE, READ_MODEL } from '../nest/tokens.js';
import { GetAsOfQuery } from './get-as-of.query.js';

@QueryHandler(GetAsOfQuery)
export class GetAsOfHandler implements IQueryHandler<GetAsOfQuery> {
  private readonly clock: ClockTicks;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL) private readonly readModel: QueryStore,
  ) {
    this.clock = new ClockTicks(events);
  }

  execute({ customerId, at }: GetAsOfQuery): Promise<AsOf | null> {
    return customerAsOf(this.events, this.readModel, customerId, at, this.config.rules, this.clock);
  }
}
