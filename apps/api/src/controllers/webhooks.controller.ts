import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { type CreatedWebhook, IntegrationRequestError, type WebhookFailures, type WebhookView } from '@lifecycle/core';
import {
  CreateWebhookCommand, GetWebhookFailuresQuery, GetWebhookQuery, ListWebhooksQuery, RemoveWebhookCommand, ReplayWebhookCommand,
} from '@lifecycle/core/nest';
import { RequireRole } from '../auth/roles.js';
import { mappingIntegrationErrors } from './integration-errors.js';

/** Webhook subscriptions: signed, batched, at-least-once deliveries of the integration events. */
@Controller('admin/webhooks')
@RequireRole('admin')
export class WebhooksController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** `{url, filter?: {field?, from?, to?, reactivation?}, from?: "now"|"beginning"|cursor}` → 201 with the secret (shown once). */
  @Post()
  @HttpCode(201)
  create(@Body() body: unknown): Promise<CreatedWebhook> {
    return mappingIntegrationErrors(() => this.commands.execute(new CreateWebhookCommand(body)));
  }

  @Get()
  async list(): Promise<{ items: WebhookView[] }> {
    return { items: await this.queries.execute(new ListWebhooksQuery()) };
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<WebhookView> {
    return mappingIntegrationErrors(() => this.queries.execute(new GetWebhookQuery(id)));
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id') id: string): Promise<void> {
    return mappingIntegrationErrors(() => this.commands.execute(new RemoveWebhookCommand(id)));
  }

  /** The delivery state (paused or not, last error) and the events not yet acknowledged. */
  @Get(':id/failures')
  failures(@Param('id') id: string, @Query() query: Record<string, string | undefined>): Promise<WebhookFailures> {
    return mappingIntegrationErrors(() => this.queries.execute(new GetWebhookFailuresQuery(id, query)));
  }

  /** Delivers again from `from` (a cursor, "beginning"; default the checkpoint), resuming a paused subscription. */
  @Post(':id/replay')
  @HttpCode(202)
  replay(@Param('id') id: string, @Query('from') from: unknown): Promise<WebhookView> {
    return mappingIntegrationErrors(async () => {
      if (from !== undefined && typeof from !== 'string') throw new IntegrationRequestError([{ path: 'query.from', reason: 'must be given once' }]);
      return this.commands.execute(new ReplayWebhookCommand(id, from as string | undefined));
    });
  }
}
