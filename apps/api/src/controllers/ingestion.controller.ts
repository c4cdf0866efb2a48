import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RouteSchema } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BusinessEventType } from '@lifecycle/domain';
import { MAX_BATCH } from '@lifecycle/core';
import { IngestBatchCommand, LifecycleMetrics, RecordCustomerEventCommand } from '@lifecycle/core/nest';
import { ApiError, badRequest } from '../http/api-error.js';
import { withCorrelationId } from '../http/correlation.js';
import { batchResponse, INGESTION_RESPONSE_SCHEMAS, ingestionResponse } from '../http/ingestion-response.js';
import { ndjsonLineNumbers } from '../http/ndjson-body.js';
import { countIngested } from '../metrics/count-ingested.js';
import type { AuthenticatedRequest } from '../auth/request-key.js';
import { RequireRole } from '../auth/roles.js';

const TYPE_OF_ROUTE: Record<string, BusinessEventType> = {
  registration: 'CustomerRegistered',
  purchases: 'PurchaseCompleted',
  refunds: 'PurchaseRefunded',
  interactions: 'InteractionRecorded',
  feedback: 'FeedbackSubmitted',
  referrals: 'ReferralRecorded',
  'churn-declarations': 'CustomerChurnDeclared',
};

/** Ingestion for upstream services: one event per request, or a batch in the import format. */
@Controller()
@RequireRole('ingest')
export class IngestionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly metrics: LifecycleMetrics,
  ) {}

  @Post('customers/:customerId/:kind')
  @RouteSchema({ response: INGESTION_RESPONSE_SCHEMAS })
  async record(
    @Param('customerId') customerId: string,
    @Param('kind') kind: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Req() request: AuthenticatedRequest,
  ) {
    const type = TYPE_OF_ROUTE[kind];
    if (!type) throw new ApiError(404, 'NOT_FOUND', `no such event route: ${kind} (one of ${Object.keys(TYPE_OF_ROUTE).join(', ')})`);
    const outcome = await this.commands.execute(new RecordCustomerEventCommand(type, customerId, withCorrelationId(body, request.id), request.apiKey?.id));
    countIngested(this.metrics, type, outcome);
    const { status, body: result } = ingestionResponse(outcome);
    reply.status(status);
    return result;
  }

  @Post('events')
  @HttpCode(200)
  async batch(@Body() body: unknown, @Req() request: AuthenticatedRequest) {
    const envelopes = Array.isArray(body) ? body : (body as { events?: unknown } | null)?.events;
    if (!Array.isArray(envelopes)) throw badRequest('$', 'must be a JSON array of events, {"events": [...]}, or NDJSON');
    if (envelopes.length > MAX_BATCH) throw badRequest('$', `at most ${MAX_BATCH} events per batch (got ${envelopes.length})`);
    const results = await this.commands.execute(new IngestBatchCommand(envelopes.map((envelope) => withCorrelationId(envelope, request.id)), request.apiKey?.id));
    results.forEach((result, i) => countIngested(this.metrics, (envelopes[i] as { type?: unknown } | null)?.type, result));
    return batchResponse(results, ndjsonLineNumbers(body));
  }
}
