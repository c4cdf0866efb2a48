import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { QueryStore } from '@lifecycle/read-model';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG, READ_MODEL } from '../nest/tokens.js';
import { type CutoffsRange, GetCutoffsRangeQuery } from './get-cutoffs-range.query.js';

@QueryHandler(GetCutoffsRangeQuery)
export class GetCutoffsRangeHandler implements IQueryHandler<GetCutoffsRangeQuery> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(READ_MODEL) private readonly readModel: QueryStore,
  ) {}

  async execute({ from, to }: GetCutoffsRangeQuery): Promise<CutoffsRange> {
    const kept = await this.readModel.cutoffsBetween(from, to);
    return { from, to, currency: this.config.rules.baseCurrency, items: kept.map(({ date, cutoffs }) => ({ date, ...cutoffs })) };
  }
}
