import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { type CreatedWebhook, IntegrationRequestError, type WebhookFailures, WebhookSubscriptions, type WebhookView } from '@lifecycle/core';
import { RequireRole } from '../auth/roles.js';
import { mappingIntegrationErrors } from './integration-errors.js';

/** Webhook subscriptions: signed, batched, at-least-once deliveries of the integration events. */
@Controller('admin/webhooks')
@RequireRole('admin')
export class WebhooksController {
  constructor(private readonly webhooks: WebhookSubscriptions) {}

  /** `{url, filter?: {field?, from?, to?, reactivation?}, from?: "now"|"beginning"|cursor}` → 201 with the secret (shown once). */
  @Post()
  @HttpCode(201)
  create(@Body() body: unknown): Promise<CreatedWebhook> {
    return mappingIntegrationErrors(() => this.webhooks.create(body));
  }

  @Get()
  async list(): Promise<{ items: WebhookView[] }> {
    return { items: await this.webhooks.list() };
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<WebhookView> {
    return mappingIntegrationErrors(() => this.webhooks.get(id));
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id') id: string): Promise<void> {
    return mappingIntegrationErrors(() => this.webhooks.remove(id));
  }

  /** The delivery state (paused or not, last error) and the events not yet acknowledged. */
  @Get(':id/failures')
  failures(@Param('id') id: string, @Query() query: Record<string, string | undefined>): Promise<WebhookFailures> {
    return mappingIntegrationErrors(() => this.webhooks.failures(id, query));
  }

  /** Delivers again from `from` (a cursor, "beginning"; default the checkpoint), resuming a paused subscription. */
  @Post(':id/replay')
  @HttpCode(202)
  replay(@Param('id') id: string, @Query('from') from: unknown): Promise<WebhookView> {
    return mappingIntegrationErrors(async () => {
      if (from !== undefined && typeof from !== 'string') throw new IntegrationRequestError([{ path: 'query.from', reason: 'must be given once' }]);
      return this.webhooks.replay(id, from as string | undefined);
    });
  }
}
