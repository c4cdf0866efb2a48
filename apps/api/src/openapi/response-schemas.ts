import { LOYALTY_LEVELS, STATUSES, VALUE_TIERS } from '@lifecycle/domain';
import { PROBLEM_CODES } from '../http/problem-codes.js';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: Schema): Schema => ({ oneOf: [schema, { type: 'null' }] });
const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
const instant: Schema = { type: 'string', format: 'date-time' };
const date: Schema = { type: 'string', format: 'date' };
const position: Schema = { type: 'string', pattern: '^\\d+$', description: 'a 64-bit log position, as a string' };
const obj = (properties: Record<string, Schema>, required: string[] = Object.keys(properties), additional = false): Schema => ({
  type: 'object', properties, required, ...(additional ? {} : { additionalProperties: false }),
});
const counts: Schema = { type: 'object', additionalProperties: int };
const byField = obj({ status: counts, loyaltyLevel: counts, valueTier: counts });
const cutoff = obj({ net12: int, customerId: str });
const webhookFilter: Schema = {
  type: 'object', additionalProperties: false,
  properties: { field: { enum: ['status', 'loyaltyLevel', 'valueTier'] }, from: str, to: str, reactivation: { type: 'boolean' } },
};
const webhook = obj({
  id: str, url: str, filter: webhookFilter, createdAt: instant, status: { enum: ['active', 'paused'] }, checkpoint: nullable(str),
  delivered: int, attempts: int, lastError: nullable(str), lastAttemptAt: nullable(instant), nextAttemptAt: nullable(instant),
}, undefined, true);
const fieldError = obj({ path: str, reason: str });

const profile = obj({
  customerId: str,
  status: { enum: STATUSES },
  loyaltyLevel: { enum: LOYALTY_LEVELS },
  loyaltyReviewAt: nullable(instant),
  valueTier: nullable({ enum: VALUE_TIERS }),
  orderCount: int, orders12: int, activeMonths12: int, net12: int, lifetimeNet: int,
  firstPurchaseAt: nullable(instant), lastPurchaseAt: nullable(instant),
  recencyDays: nullable(int), tenureDays: nullable(int), t: instant,
  latestNpsScore: nullable(int), latestNpsCategory: nullable(str), csat12: nullable({ type: 'number' }),
  feedbackCount: int, complaintCount: int, interactionCount: int, interactionsByChannel: counts,
  lastInteractionAt: nullable(instant), referralCount: int, explicitChurnAt: nullable(instant),
  profile: { type: 'object', properties: { registeredAt: nullable(instant) } },
  eventCount: int, nextDueAt: nullable(instant), rulesVersion: str,
}, ['customerId', 'status', 'loyaltyLevel', 'valueTier', 'orderCount', 'net12', 'lifetimeNet', 't', 'rulesVersion'], true);

const cause = { oneOf: [obj({ eventId: str }), obj({ dayEnded: date })] };
const transition = obj({
  customerId: str, field: { enum: ['status', 'loyaltyLevel', 'valueTier'] }, from: nullable(str), to: nullable(str),
  t: instant, cause, position, reactivation: { type: 'boolean' },
}, ['customerId', 'field', 'from', 'to', 't', 'cause'], false);

const rebuildProgress = obj({
  state: { enum: ['building', 'switching', 'dropping-old', 'done', 'failed'] }, fromVersion: nullable(str), toVersion: str, rulesVersion: str,
  events: int, position: nullable(position), head: position, eventsPerSecond: { type: 'number' },
  etaSeconds: nullable({ type: 'number' }), startedAt: instant, finishedAt: nullable(instant), error: nullable(str),
}, ['state', 'fromVersion', 'toVersion', 'events', 'position', 'head', 'startedAt', 'error']);

/** The response bodies of every route, as JSON Schema 2020-12 (OpenAPI 3.1). */
export const RESPONSE_SCHEMAS: Record<string, Schema> = {
  Problem: {
    ...obj({
      type: { type: 'string', format: 'uri', examples: ['urn:lifecycle:problem:INVALID_EVENT'] },
      title: str, status: { type: 'integer', minimum: 400, maximum: 599 }, detail: str,
      code: { type: 'string', description: `one of the codes of the error table (${Object.keys(PROBLEM_CODES).join(', ')}; other statuses may add codes)` },
      errors: { type: 'array', items: fieldError },
    }),
    examples: [{
      type: 'urn:lifecycle:problem:INVALID_EVENT', title: 'Invalid event', status: 400, detail: 'data.total.amountMinor: must be an integer >= 0',
      code: 'INVALID_EVENT', errors: [{ path: 'data.total.amountMinor', reason: 'must be an integer >= 0' }],
    }],
    description: 'RFC 9457 problem details. Codes:\n\n| status | code | when |\n|---|---|---|\n'
      + Object.entries(PROBLEM_CODES).map(([code, c]) => `| ${c.status} | ${code} | ${c.when} |`).join('\n'),
  },
  // Open to the `index` and `line` a batch result adds.
  Accepted: obj({ status: { const: 'accepted' }, eventId: str, streamId: str, revision: position, position }, undefined, true),
  Duplicate: obj({ status: { const: 'duplicate' }, eventId: str, streamId: str }, undefined, true),
  Rejected: obj({ status: { const: 'rejected' }, eventId: nullable(str), code: str, reason: str, errors: { type: 'array', items: fieldError } }, undefined, true),
  BatchResult: {
    allOf: [{ oneOf: [ref('Accepted'), ref('Duplicate'), ref('Rejected')] }],
    type: 'object',
    properties: { index: { type: 'integer', minimum: 0 }, line: { type: 'integer', minimum: 1, description: 'NDJSON bodies only' } },
    required: ['index'],
  },
  Batch: obj({ accepted: int, duplicates: int, rejected: int, lastPosition: nullable(position), results: { type: 'array', items: ref('BatchResult') } }),
  Profile: profile,
  CustomerPage: obj({ items: { type: 'array', items: ref('Profile') }, nextCursor: nullable(str) }),
  Segments: obj({
    customers: int, status: counts, loyaltyLevel: counts, valueTier: counts, clockDate: nullable(date),
    cutoffs: nullable({ type: 'object' }),
  }),
  HistoryPage: obj({
    items: { type: 'array', items: obj({ eventId: str, type: str, streamId: str, revision: position, position, occurredAt: instant, recordedAt: instant, data: { type: 'object' }, metadata: { type: 'object', additionalProperties: str } }) },
    nextRevision: nullable(position),
  }),
  AsOf: obj({ at: instant, clockDate: nullable(date), profile: ref('Profile'), transitions: { type: 'array', items: transition } }),
  TransitionPage: obj({ items: { type: 'array', items: transition }, nextCursor: nullable(str) }),
  Explanation: obj({
    customerId: str, t: instant,
    explanations: { type: 'array', items: obj({ field: str, value: nullable(str), rule: str, figures: { type: 'object' }, text: str }) },
  }),
  Health: obj({
    status: { enum: ['ok', 'degraded', 'rebuilding', 'not_ready'] },
    stores: { type: 'object' }, projector: { type: 'object' }, projection: { type: 'object' },
    rulesVersion: str, clock: nullable(date),
  }, ['status', 'stores', 'projector', 'projection', 'rulesVersion'], true),
  HealthNotReady: obj({ status: { const: 'not_ready' }, notReady: { type: 'object', additionalProperties: str } }, ['status', 'notReady'], true),
  Probe: { type: 'object', properties: { status: { enum: ['ok', 'error'] }, info: { type: 'object' }, error: { type: 'object' }, details: { type: 'object' } }, required: ['status'] },
  SegmentsDaily: obj({
    from: date, to: date,
    days: { type: 'array', items: obj({ date, sizes: byField, entered: byField, left: byField, reactivations: int, newCustomers: int }) },
  }),
  CutoffsRange: obj({
    from: date, to: date, currency: str,
    items: { type: 'array', items: obj({ date, populationSize: int, VIP: nullable(cutoff), KEY: nullable(cutoff), STANDARD: nullable(cutoff) }) },
  }),
  IntegrationEvent: obj({
    id: str, type: { enum: ['CustomerStatusChanged', 'CustomerLoyaltyLevelChanged', 'CustomerValueTierChanged'] }, customerId: str,
    field: { enum: ['status', 'loyaltyLevel', 'valueTier'] }, from: nullable(str), to: str, t: instant,
    cause: { oneOf: [obj({ eventId: str }), obj({ dayEnded: date })] }, reactivation: { type: 'boolean' }, position, rulesVersion: str,
    snapshot: nullable(obj({ status: str, loyaltyLevel: str, valueTier: str, net12: int, orders12: int, lastPurchaseAt: nullable(instant) })),
    cursor: str,
  }),
  FeedPage: obj({ items: { type: 'array', items: ref('IntegrationEvent') }, nextCursor: nullable(str) }),
  WebhookSubscriptionBody: obj({ url: { type: 'string', format: 'uri' }, filter: webhookFilter, from: str }, ['url']),
  Webhook: webhook,
  CreatedWebhook: { allOf: [webhook], type: 'object', properties: { secret: { type: 'string', pattern: '^whsec_' } }, required: ['secret'] },
  WebhookFailures: { allOf: [webhook], type: 'object', properties: { undelivered: { type: 'array', items: ref('IntegrationEvent') }, nextCursor: nullable(str) }, required: ['undelivered', 'nextCursor'] },
  AdminAuditPage: obj({
    items: { type: 'array', items: obj({
      actor: str, action: { enum: ['clock.advance', 'projections.rebuild', 'projections.switch', 'keys.create', 'keys.revoke'] },
      outcome: { enum: ['ok', 'rejected', 'failed'] }, details: { type: 'object' }, eventId: str, at: instant, revision: position, position,
    }, ['actor', 'action', 'outcome', 'eventId', 'at', 'revision', 'position']) },
    nextFromRevision: nullable(position),
  }),
  ClockAdvance: obj({ ticks: int, first: nullable(date), last: nullable(date) }),
  RebuildProgress: rebuildProgress,
  ProjectionVersions: obj({
    served: nullable(str), versions: { type: 'array', items: obj({ version: str, state: { enum: ['active', 'building', 'retired'] } }, ['version', 'state'], true) },
    rebuild: nullable(ref('RebuildProgress')),
  }),
  ClockAdvanceBody: obj({ until: { ...date, examples: ['1998-07-01'] } }),
};
