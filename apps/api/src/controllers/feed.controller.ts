import { Controller, Get, Headers, type OnModuleDestroy, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type FeedPage, parseFeedQuery, TransitionFeed } from '@lifecycle/core';
import { ReadFeedQuery } from '@lifecycle/core/nest';
import type { TransitionKey } from '@lifecycle/read-model';
import { RequireRole } from '../auth/roles.js';
import { mappingIntegrationErrors } from './integration-errors.js';
import { SECURITY_HEADERS } from '../limits/security-headers.js';

/** An idle stream sends a comment this often, so proxies keep it open. */
const HEARTBEAT_MS = 15_000;
const STREAM_BATCH = 500;

/** Downstream systems pull the integration events: pages in log order (long-polling), or a live SSE stream. */
@Controller('feed')
@RequireRole('query')
export class FeedController implements OnModuleDestroy {
  /** Aborted on shutdown: long-polls answer at once and streams end, so the server can close. */
  private readonly closing = new AbortController();

  constructor(private readonly queries: QueryBus) {}

  onModuleDestroy(): void {
    this.closing.abort();
  }

  /** `{items, nextCursor}`; with `wait` (seconds, ≤ 30) it waits for a first matching event. */
  @Get()
  async page(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply): Promise<FeedPage> {
    const q = await mappingIntegrationErrors(async () => parseFeedQuery(query));
    const gone = new AbortController();
    reply.raw.once('close', () => gone.abort());
    const signal = AbortSignal.any([gone.signal, this.closing.signal]);
    return TransitionFeed.toPage(await this.queries.execute(new ReadFeedQuery(q.after, q.filter, q.limit, q.waitMs, signal)));
  }

  /**
   * Server-Sent Events, one per integration event (`id` = its cursor, `event` = its type),
   * resumable with Last-Event-ID (or `after`), same filters as the feed.
   */
  @Get('stream')
  async stream(
    @Query() query: Record<string, unknown>,
    @Headers('last-event-id') lastEventId: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const q = await mappingIntegrationErrors(async () => parseFeedQuery({ ...query, limit: undefined, wait: undefined }, lastEventId));
    reply.hijack();
    const raw = reply.raw;
    const gone = new AbortController();
    raw.once('close', () => gone.abort());
    const signal = AbortSignal.any([gone.signal, this.closing.signal]);
    raw.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const write = async (text: string) => {
      if (!raw.write(text)) await new Promise((resolve) => raw.once('drain', resolve));
    };
    let after: TransitionKey | null = q.after;
    try {
      await write('retry: 2000\n\n');
      while (!signal.aborted) {
        const read = await this.queries.execute(new ReadFeedQuery(after, q.filter, STREAM_BATCH, HEARTBEAT_MS, signal));
        for (const event of read.items) await write(`id: ${event.cursor}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        if (read.items.length === 0 && !signal.aborted) await write(': keep-alive\n\n');
        after = read.next;
      }
    } catch (error) {
      request.log.warn(`feed stream ended: ${(error as Error).message}`);
    } finally {
      raw.end();
    }
  }
}
