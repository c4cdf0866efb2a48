import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };

const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The API's own OpenAPI document as a response checker: every answer of a documented route
 * must have a declared status (or `default`) and validate against its declared schema, so
 * the document cannot drift from the code. Undocumented routes are reported by the
 * OpenAPI test, which checks that every registered route is in the document.
 */
export class OpenApiContract {
  private readonly ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true });
  private readonly templates: Array<{ path: string; pattern: RegExp; literals: number }>;

  constructor(private readonly doc: Doc) {
    (addFormats as unknown as (ajv: Ajv2020) => void)(this.ajv);
    this.ajv.addSchema(doc as object, 'openapi.json');
    this.templates = Object.keys(doc.paths)
      .map((path) => ({
        path,
        pattern: new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '{' || c === '}' ? c : `\\${c}`)).replace(/\{[^}]+\}/g, '[^/]+')}$`),
        literals: path.split('/').filter((s) => s && !s.startsWith('{')).length,
      }))
      .sort((a, b) => b.literals - a.literals);
  }

  static async load(base: string): Promise<OpenApiContract> {
    const response = await fetch(`${base}/openapi.json`);
    return new OpenApiContract((await response.json()) as Doc);
  }

  /** Throws naming the route, the status and the schema errors when an answer breaks the contract. */
  check(method: string, url: string, status: number, contentType: string | null, body: unknown): void {
    const path = url.split('?')[0]!;
    const verb = method.toLowerCase();
    const template = this.templates.find((t) => t.pattern.test(path) && this.doc.paths[t.path]![verb]);
    if (!template) return;
    const responses = this.doc.paths[template.path]![verb]!.responses;
    const key = responses[String(status)] ? String(status) : responses.default ? 'default' : null;
    if (key === null) throw new Error(`${method} ${template.path}: status ${status} is not declared in /openapi.json`);
    const mediaType = (contentType ?? '').split(';')[0]!.trim();
    const content = responses[key]!.content ?? {};
    if (responses[key]!.content === undefined && (body === undefined || body === '')) return; // declared without a body (204)
    if (!content[mediaType]) throw new Error(`${method} ${template.path} ${status}: content type ${mediaType} is not declared (${Object.keys(content).join(', ')})`);
    const pointer = `openapi.json#/paths/${escape(template.path)}/${verb}/responses/${key}/content/${escape(mediaType)}/schema`;
    const validate = this.ajv.getSchema(pointer) ?? this.ajv.compile({ $ref: pointer });
    if (!validate(body)) {
      throw new Error(`${method} ${url} ${status} does not match its declared schema: ${this.ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`);
    }
  }
}
