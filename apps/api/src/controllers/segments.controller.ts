import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetSegmentsQuery } from '@lifecycle/core/nest';
import { Consistency } from '../http/consistency.js';
import { RequireRole } from '../auth/roles.js';

@Controller('segments')
@RequireRole('query')
export class SegmentsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly consistency: Consistency,
  ) {}

  @Get()
  async counts(@Query('minPosition') minPosition?: string) {
    await this.consistency.awaitPosition(minPosition);
    return this.queries.execute(new GetSegmentsQuery());
  }
}
