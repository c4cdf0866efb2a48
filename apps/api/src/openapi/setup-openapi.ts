import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { createOpenApiDocument } from './openapi-document.js';

const version = (): string => {
  try {
    return (JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
};

/**
 * GET /openapi.json (the document) and GET /docs (Swagger UI). Both are public: they are
 * served by Fastify directly, outside the Nest routes the role guard protects, and say
 * nothing a client of the API may not know.
 */
/** The routes Fastify serves for the document and Swagger UI (its assets under /docs/): public, outside the role guard. */
export const isOpenApiRoute = (method: string, url: string): boolean =>
  method === 'GET' && (url === '/openapi.json' || url === '/docs' || url.startsWith('/docs/'));

export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app, version()), {
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
    customSiteTitle: 'Customer lifecycle API',
  });
}
