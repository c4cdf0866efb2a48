import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PublicRoute } from '../auth/roles.js';
import { ReadinessService } from './readiness.service.js';

/** Liveness and readiness probes for orchestrators (open without a key). */
@Controller('health')
export class ProbesController {
  constructor(private readonly readiness: ReadinessService) {}

  /** The process answers. */
  @Get('live')
  @PublicRoute()
  live() {
    return { status: 'ok', info: { process: { status: 'up', uptimeSeconds: Math.round(process.uptime()) } } };
  }

  /** 200 when the service can serve reads and writes; 503 with the failed checks otherwise. */
  @Get('ready')
  @PublicRoute()
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const { ready, result } = await this.readiness.check();
    if (!ready) reply.status(503);
    return result;
  }
}
