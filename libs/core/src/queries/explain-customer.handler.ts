import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type Explanation, explain, formatInstant } from '@lifecycle/domain';
import type { ReadModelStore } from '@lifecycle/read-model';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG, READ_MODEL } from '../nest/tokens.js';
import { ExplainCustomerQuery } from './explain-customer.query.js';

@QueryHandler(ExplainCustomerQuery)
export class ExplainCustomerHandler implements IQueryHandler<ExplainCustomerQuery> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(READ_MODEL) private readonly readModel: ReadModelStore,
  ) {}

  async execute({ customerId }: ExplainCustomerQuery): Promise<{ customerId: string; t: string; explanations: Explanation[] } | null> {
    const [record] = (await this.readModel.getCustomers([customerId])).values();
    if (!record) return null;
    const meta = await this.readModel.loadMeta();
    const t = Math.max(record.state.t, meta.clockAsOf ?? -Infinity);
    return { customerId, t: formatInstant(t), explanations: explain(record.state, meta.clockAsOf, meta.cutoffs, this.config.rules) };
  }
}
