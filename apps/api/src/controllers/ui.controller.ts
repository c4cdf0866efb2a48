import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Controller, Get, Req, Res } from '@nestjs/common';
import send from '@fastify/send';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PublicRoute } from '../auth/roles.js';
import { ApiError } from '../http/api-error.js';

/**
 * The dashboard's files: apps/api/ui beside this source file, or, from the compiled dist/,
 * in the repository it was built from.
 */
const UI_ROOT = [new URL('../../ui/', import.meta.url), new URL('../../../../../apps/api/ui/', import.meta.url)]
  .map((url) => fileURLToPath(url))
  .find((dir) => existsSync(`${dir}index.html`));

/** Libraries the page imports, served from node_modules (no CDN): URL folder → package folder. */
const VENDOR = new Map<string, string>([['uplot', dirname(createRequire(import.meta.url).resolve('uplot'))]]);

/** Only assets: the page asks for an API key and every figure it shows comes from the API with that key. */
@Controller('ui')
@PublicRoute()
@ApiExcludeController()
export class UiController {
  @Get()
  index(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.serve(request, reply, UI_ROOT, '/index.html');
  }

  @Get('*')
  asset(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const path = request.url.split('?')[0].replace(/^\/ui/, '');
    const vendor = /^\/vendor\/([a-z0-9-]+)(\/.*)$/.exec(path);
    if (vendor) return this.serve(request, reply, VENDOR.get(vendor[1]), vendor[2]);
    return this.serve(request, reply, UI_ROOT, path === '/' ? '/index.html' : path);
  }

  private async serve(request: FastifyRequest, reply: FastifyReply, root: string | undefined, path: string) {
    if (root === undefined) throw new ApiError(404, 'NOT_FOUND', `no asset ${request.url}`);
    const { statusCode, headers, stream, type } = await send(request.raw, path, { root, dotfiles: 'deny', index: false });
    if (type !== 'file') {
      stream.destroy();
      if (statusCode === 403) throw new ApiError(403, 'FORBIDDEN', `${request.url}: not an asset`);
      throw new ApiError(404, 'NOT_FOUND', `no asset ${request.url}`);
    }
    return reply.status(statusCode).headers(headers).send(stream);
  }
}
