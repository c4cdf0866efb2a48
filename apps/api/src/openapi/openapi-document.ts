import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PUBLIC_ROUTE, ROLE_METADATA } from '../auth/roles.js';
import { PROBLEM_CODES } from '../http/problem-codes.js';
import { PROBLEM_CONTENT_TYPE } from '../http/problem.js';
import { eventSchemas } from './event-schemas.js';
import { RESPONSE_SCHEMAS } from './response-schemas.js';
import { ROUTE_DOCS } from './route-docs.js';

type Operation = Record<string, any>;
type RoleDeclaration = string[] | typeof PUBLIC_ROUTE | undefined;

/** The role each handler declares (RequireRole / PublicRoute), by operation id. */
function declaredRoles(app: INestApplication): Map<string, RoleDeclaration> {
  const roles = new Map<string, RoleDeclaration>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        if (method === 'constructor') continue;
        const handler = controller.prototype[method as keyof object];
        if (typeof handler !== 'function') continue;
        roles.set(`${controller.name}_${method}`, Reflect.getMetadata(ROLE_METADATA, handler) ?? Reflect.getMetadata(ROLE_METADATA, controller));
      }
    }
  }
  return roles;
}

const problemResponse = (codes: string[]) => ({
  description: codes.map((code) => `\`${code}\`: ${PROBLEM_CODES[code]?.when ?? ''}`).join('; '),
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
});

function document(app: INestApplication, operation: Operation, id: string, role: RoleDeclaration): void {
  if (role === PUBLIC_ROUTE) {
    operation.security = [];
    operation['x-public'] = true;
  } else if (Array.isArray(role)) {
    operation.security = [{ bearer: [] }];
    operation['x-required-roles'] = role;
    operation.description = `Requires an API key with role ${role.map((r) => `\`${r}\``).join(' or ')}.`;
  }
  const doc = ROUTE_DOCS[id];
  if (!doc) return;
  operation.tags = [doc.tag];
  operation.summary = doc.summary;
  if (doc.description) operation.description = [doc.description, operation.description].filter(Boolean).join('\n\n');
  operation.parameters = [
    ...(operation.parameters ?? []).filter((p: { in: string }) => p.in !== 'query'),
    ...(doc.query ?? []).map((q) => ({ in: 'query', required: false, ...q })),
  ];
  if (doc.body) {
    const content = Object.fromEntries((doc.body.contentTypes ?? ['application/json']).map((type) => [type, { schema: doc.body!.schema, ...(doc.body!.example ? { example: doc.body!.example } : {}) }]));
    operation.requestBody = { required: true, content };
  } else {
    delete operation.requestBody;
  }
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(doc.responses)) {
    responses[status] = r.schema === undefined ? { description: r.description }
      : { description: r.description, content: { [r.contentType ?? 'application/json']: { schema: r.schema } } };
  }
  const byStatus = new Map<number, string[]>();
  const guarded = Array.isArray(role) ? ['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED'] : [];
  for (const code of [...doc.errors, ...guarded, 'INTERNAL']) {
    const status = PROBLEM_CODES[code]!.status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of byStatus) if (!responses[status]) responses[status] = problemResponse(codes);
  responses.default = problemResponse(['INVALID_REQUEST', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'URI_TOO_LONG', 'UNSUPPORTED_MEDIA_TYPE', 'HEADERS_TOO_LARGE']);
  operation.responses = responses;
}

/**
 * The OpenAPI 3.1 document: paths and parameters from the controllers (@nestjs/swagger),
 * request bodies from the class-validator event DTOs, roles from RequireRole/PublicRoute,
 * answers and error codes from ROUTE_DOCS and the problem-code table.
 */
export function createOpenApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Customer lifecycle API')
    .setDescription('Event-sourced customer lifecycle: ingestion, profiles, segments, audit and administration. Errors are RFC 9457 `application/problem+json` (see `components.schemas.Problem`).')
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'an API key; each operation names the role it requires (`x-required-roles`)' }, 'bearer')
    .build();
  const doc = SwaggerModule.createDocument(app, config);
  const roles = declaredRoles(app);
  for (const item of Object.values(doc.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      document(app, operation, operation.operationId, roles.get(operation.operationId));
    }
  }
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, ...eventSchemas(), ...RESPONSE_SCHEMAS } as never };
  return doc;
}
