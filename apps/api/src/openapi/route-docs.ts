type Schema = Record<string, unknown>;

export interface QueryParameter {
  name: string;
  description: string;
  schema: Schema;
}

/** What the controllers cannot say by themselves: summary, body, answers, query parameters, error codes. */
export interface RouteDoc {
  tag: string;
  summary: string;
  description?: string;
  body?: { schema: Schema; contentTypes?: string[]; example?: unknown };
  /** `schema` absent: an answer without a body (204). */
  responses: Record<number, { description: string; schema?: Schema; contentType?: string }>;
  query?: QueryParameter[];
  errors: string[];
}

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const minPosition: QueryParameter = {
  name: 'minPosition', description: 'read-your-writes: wait (5 s at most) until the projection has passed this log position', schema: { type: 'string', pattern: '^\\d{1,20}$' },
};
const limit: QueryParameter = { name: 'limit', description: 'page size, 1-1000 (default 100)', schema: { type: 'integer', minimum: 1, maximum: 1000 } };
const cursor: QueryParameter = { name: 'cursor', description: '`nextCursor` of the previous page', schema: { type: 'string' } };

const statsFrom: QueryParameter = { name: 'from', description: 'first date YYYY-MM-DD (required)', schema: { type: 'string', format: 'date' } };
const statsTo: QueryParameter = { name: 'to', description: 'last date YYYY-MM-DD, at most 731 days after `from` (required)', schema: { type: 'string', format: 'date' } };

const feedFilters: QueryParameter[] = [
  { name: 'after', description: 'a cursor: `nextCursor` of a page or the `cursor` of an event (default: the beginning)', schema: { type: 'string' } },
  { name: 'field', description: 'status, loyaltyLevel or valueTier', schema: { enum: ['status', 'loyaltyLevel', 'valueTier'] } },
  { name: 'from', description: 'the value changed from', schema: { type: 'string' } },
  { name: 'to', description: 'the value changed to', schema: { type: 'string' } },
  { name: 'reactivation', description: 'only win-backs (true) or none (false)', schema: { type: 'boolean' } },
];
const obj = (properties: Record<string, Schema>): Schema => ({ type: 'object', properties, required: Object.keys(properties), additionalProperties: false });

const EVENT_ROUTES: Array<[string, string, string]> = [
  ['registration', 'CustomerRegistered', 'a registration'],
  ['purchases', 'PurchaseCompleted', 'a purchase'],
  ['refunds', 'PurchaseRefunded', 'a refund'],
  ['interactions', 'InteractionRecorded', 'a contact'],
  ['feedback', 'FeedbackSubmitted', 'feedback'],
  ['referrals', 'ReferralRecorded', 'a referral'],
  ['churn-declarations', 'CustomerChurnDeclared', 'a declared churn'],
];

/** The example of the README's quick start. */
export const PURCHASE_EXAMPLE = {
  eventId: '8f9a3c1e-2b4d-4e6f-8a1b-2c3d4e5f6a7b',
  occurredAt: '2026-11-20T10:00:00Z',
  data: { orderId: 'A-1', total: { amountMinor: 2599, currency: 'USD' }, salesChannel: 'ONLINE' },
};

/** Route documentation by operation id (`<Controller>_<method>`, as @nestjs/swagger names operations). */
export const ROUTE_DOCS: Record<string, RouteDoc> = {
  IngestionController_record: {
    tag: 'ingestion',
    summary: 'Record one event of a customer',
    description: `The route names the event type: ${EVENT_ROUTES.map(([kind, type]) => `\`${kind}\` → \`${type}\``).join(', ')}. `
      + 'The body is the envelope without `type` and `customerId`. A duplicate `eventId` is acknowledged with 200 and nothing is appended.',
    body: {
      schema: { oneOf: EVENT_ROUTES.map(([, type]) => ref(`${type}Body`)) },
      example: PURCHASE_EXAMPLE,
    },
    responses: {
      201: { description: 'appended', schema: ref('Accepted') },
      200: { description: 'a duplicate of an event already in the stream; nothing appended', schema: ref('Duplicate') },
    },
    errors: ['INVALID_EVENT', 'NOT_FOUND', 'DUPLICATE_ORDER', 'CONCURRENCY_CONFLICT', 'FUTURE_EVENT', 'UNKNOWN_ORDER', 'REFUND_EXCEEDS_ORDER'],
  },
  IngestionController_batch: {
    tag: 'ingestion',
    summary: 'Record up to 1,000 events (import format)',
    description: 'A JSON array of envelopes, `{"events": [...]}`, or NDJSON. One result per event, in order, with its `index` (and `line` for NDJSON).',
    body: {
      schema: { oneOf: [{ type: 'array', items: ref('EventEnvelope'), maxItems: 1000 }, { type: 'object', properties: { events: { type: 'array', items: ref('EventEnvelope') } }, required: ['events'] }] },
      contentTypes: ['application/json', 'application/x-ndjson'],
      example: [{ type: 'PurchaseCompleted', customerId: 'alice', ...PURCHASE_EXAMPLE }],
    },
    responses: { 200: { description: 'per-event results and counts', schema: ref('Batch') } },
    errors: ['INVALID_EVENT', 'INVALID_REQUEST'],
  },
  CustomersController_get: {
    tag: 'queries', summary: "A customer's profile", query: [minPosition],
    responses: { 200: { description: 'the profile', schema: ref('Profile') } },
    errors: ['INVALID_REQUEST', 'CUSTOMER_NOT_FOUND', 'PROJECTION_LAGGING'],
  },
  CustomersController_list: {
    tag: 'queries', summary: 'Profiles by segment, ordered by customerId',
    query: [
      { name: 'status', description: 'filter', schema: { type: 'string' } },
      { name: 'loyaltyLevel', description: 'filter', schema: { type: 'string' } },
      { name: 'valueTier', description: 'filter', schema: { type: 'string' } },
      limit, cursor, minPosition,
    ],
    responses: { 200: { description: 'a page', schema: ref('CustomerPage') } },
    errors: ['INVALID_REQUEST', 'PROJECTION_LAGGING'],
  },
  SegmentsController_counts: {
    tag: 'queries', summary: 'Counts per status, loyalty level and value tier (every bucket, zeros included), the clock and the cutoffs', query: [minPosition],
    responses: { 200: { description: 'the counts', schema: ref('Segments') } },
    errors: ['INVALID_REQUEST', 'PROJECTION_LAGGING'],
  },
  AuditController_history: {
    tag: 'audit', summary: "The raw events of a customer's stream",
    query: [{ name: 'fromRevision', description: 'first stream revision (default 0)', schema: { type: 'string', pattern: '^\\d{1,19}$' } }, limit, minPosition],
    responses: { 200: { description: 'a page of events', schema: ref('HistoryPage') } },
    errors: ['INVALID_REQUEST', 'CUSTOMER_NOT_FOUND', 'PROJECTION_LAGGING'],
  },
  AuditController_asOf: {
    tag: 'audit', summary: 'The profile as it was at an instant',
    query: [{ name: 'at', description: 'ISO-8601 instant with a zone (required)', schema: { type: 'string', format: 'date-time' } }, minPosition],
    responses: { 200: { description: 'the profile and the transitions up to `at`', schema: ref('AsOf') } },
    errors: ['INVALID_REQUEST', 'CUSTOMER_NOT_FOUND', 'PROJECTION_LAGGING'],
  },
  AuditController_transitions: {
    tag: 'audit', summary: 'Every change of status, loyalty level and value tier, with its cause', query: [limit, cursor, minPosition],
    responses: { 200: { description: 'a page of transitions', schema: ref('TransitionPage') } },
    errors: ['INVALID_REQUEST', 'CUSTOMER_NOT_FOUND', 'PROJECTION_LAGGING'],
  },
  AuditController_explain: {
    tag: 'audit', summary: 'Why the customer has its status, loyalty level and value tier', query: [minPosition],
    responses: { 200: { description: 'the rule that matched per field, in words and figures', schema: ref('Explanation') } },
    errors: ['INVALID_REQUEST', 'CUSTOMER_NOT_FOUND', 'PROJECTION_LAGGING'],
  },
  AdminController_advanceClock: {
    tag: 'admin', summary: 'Backfill DayEnded up to `until` − 1 day', body: { schema: ref('ClockAdvanceBody'), example: { until: '1998-07-01' } },
    responses: { 200: { description: 'the ticks appended', schema: ref('ClockAdvance') } },
    errors: ['INVALID_REQUEST', 'FUTURE_EVENT', 'CLOCK_ADVANCE_TOO_LARGE'],
  },
  AdminController_rebuild: {
    tag: 'admin', summary: 'Start a rebuild into a new projection version (the current one serves until the switch)',
    responses: { 202: { description: 'the rebuild started', schema: ref('RebuildProgress') } },
    errors: ['REBUILD_RUNNING'],
  },
  AdminController_projectionVersions: {
    tag: 'admin', summary: 'The served projection version, every version, the last rebuild',
    responses: { 200: { description: 'the versions', schema: ref('ProjectionVersions') } },
    errors: [],
  },
  StatsController_segmentsDaily: {
    tag: 'queries', summary: 'Segment sizes, entries, exits, reactivations and new customers per day, from the transition log',
    query: [statsFrom, statsTo],
    responses: { 200: { description: 'one entry per date of the range', schema: ref('SegmentsDaily') } },
    errors: ['INVALID_REQUEST'],
  },
  StatsController_cutoffs: {
    tag: 'queries', summary: 'The value-tier cutoffs of every day-end date of the range, with the base currency',
    query: [statsFrom, statsTo],
    responses: { 200: { description: 'the cutoffs per date', schema: ref('CutoffsRange') } },
    errors: ['INVALID_REQUEST'],
  },
  FeedController_page: {
    tag: 'integration', summary: 'Integration events (one per transition) across customers, in log order',
    description: 'Replayable from the beginning; pass `nextCursor` back as `after`. With `wait` (seconds, at most 30) it long-polls until a matching event arrives.',
    query: [...feedFilters, { name: 'limit', description: 'page size, 1-1000 (default 100)', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
      { name: 'wait', description: 'seconds to wait for a first matching event when there is none (0-30)', schema: { type: 'integer', minimum: 0, maximum: 30 } }],
    responses: { 200: { description: 'a page of integration events', schema: ref('FeedPage') } },
    errors: ['INVALID_REQUEST'],
  },
  FeedController_stream: {
    tag: 'integration', summary: 'The integration events as Server-Sent Events (id = cursor, event = type), resumable with Last-Event-ID',
    query: feedFilters,
    responses: { 200: { description: 'an endless text/event-stream', schema: { type: 'string' }, contentType: 'text/event-stream' } },
    errors: ['INVALID_REQUEST'],
  },
  WebhooksController_create: {
    tag: 'integration', summary: 'Subscribe a URL to signed, batched webhook deliveries (the secret is shown once)',
    body: { schema: ref('WebhookSubscriptionBody'), example: { url: 'https://crm.example.com/hooks/lifecycle', filter: { field: 'status', to: 'AT_RISK' } } },
    responses: { 201: { description: 'the subscription with its signing secret', schema: ref('CreatedWebhook') } },
    errors: ['INVALID_REQUEST'],
  },
  WebhooksController_list: {
    tag: 'integration', summary: 'Every webhook subscription and its delivery state (never the secret)',
    responses: { 200: { description: 'the subscriptions', schema: obj({ items: { type: 'array', items: ref('Webhook') } }) } },
    errors: [],
  },
  WebhooksController_get: {
    tag: 'integration', summary: 'One webhook subscription and its delivery state',
    responses: { 200: { description: 'the subscription', schema: ref('Webhook') } },
    errors: ['WEBHOOK_NOT_FOUND'],
  },
  WebhooksController_remove: {
    tag: 'integration', summary: 'Remove a webhook subscription',
    responses: { 204: { description: 'removed' } },
    errors: ['WEBHOOK_NOT_FOUND'],
  },
  WebhooksController_failures: {
    tag: 'integration', summary: 'The delivery state and the events not yet acknowledged',
    query: [{ name: 'after', description: '`nextCursor` of the previous page', schema: { type: 'string' } }, { name: 'limit', description: 'events per page', schema: { type: 'integer', minimum: 1, maximum: 1000 } }],
    responses: { 200: { description: 'the undelivered events', schema: ref('WebhookFailures') } },
    errors: ['INVALID_REQUEST', 'WEBHOOK_NOT_FOUND'],
  },
  WebhooksController_replay: {
    tag: 'integration', summary: 'Deliver again from a cursor (or `beginning`; default the checkpoint), resuming a paused subscription',
    query: [{ name: 'from', description: 'a feed cursor or `beginning`', schema: { type: 'string' } }],
    responses: { 202: { description: 'the subscription, active again', schema: ref('Webhook') } },
    errors: ['INVALID_REQUEST', 'WEBHOOK_NOT_FOUND'],
  },
  AdminController_auditLog: {
    tag: 'admin', summary: 'The admin audit trail: who (key id) did what, when, with which outcome, oldest first',
    query: [{ name: 'fromRevision', description: 'first revision of the admin stream (default 0)', schema: { type: 'string', pattern: '^\\d{1,19}$' } }, limit],
    responses: { 200: { description: 'a page of admin actions', schema: ref('AdminAuditPage') } },
    errors: ['INVALID_REQUEST'],
  },
  HealthController_health: {
    tag: 'operations', summary: 'Detailed health: stores, projector, projection version, rules, clock; 503 when not ready',
    responses: {
      200: { description: 'ready', schema: ref('Health') },
      503: { description: 'not ready: the detail (as far as the stores answer) with `status: "not_ready"` and `notReady` naming each failed check', schema: ref('HealthNotReady') },
    },
    errors: [],
  },
  ProbesController_live: {
    tag: 'operations', summary: 'Liveness: the process answers',
    responses: { 200: { description: 'alive', schema: ref('Probe') } },
    errors: [],
  },
  ProbesController_ready: {
    tag: 'operations', summary: 'Readiness: stores reachable, a projection version served, lag within READY_MAX_LAG_EVENTS',
    responses: { 200: { description: 'ready', schema: ref('Probe') }, 503: { description: 'not ready', schema: ref('Probe') } },
    errors: [],
  },
  MetricsController_metricsText: {
    tag: 'operations', summary: 'Prometheus metrics (text exposition format)',
    responses: { 200: { description: 'metrics', schema: { type: 'string' }, contentType: 'text/plain' } },
    errors: [],
  },
};
