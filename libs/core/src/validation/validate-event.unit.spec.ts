import type { LifecycleEvent } from '../../../domain/src/events/event-types.js';
import type { FieldError } from '../../../domain/src/rules/rejection.js';
import type { EventType } from './dto/data-dto-by-type.js';
import { validateEvent, validateRouteEvent, type ValidationOutcome } from './index.js';

const USD = { baseCurrency: 'USD' };
const EVENT_ID = 'c3e87c00-1f4e-576d-aadc-d3606007a353';
const AT = '1997-02-02T13:00:00.000Z';

const VALID_DATA: Record<EventType, Record<string, unknown>> = {
  CustomerRegistered: { kind: 'CONSUMER', relation: 'END_CUSTOMER' },
  PurchaseCompleted: { orderId: 'o-1', total: { amountMinor: 1000, currency: 'USD' }, salesChannel: 'ONLINE' },
  PurchaseRefunded: { refundId: 'r-1', amount: { amountMinor: 500, currency: 'USD' }, reason: 'RETURN' },
  InteractionRecorded: { interactionId: 'i-1', channel: 'EMAIL', direction: 'INBOUND', intent: 'INQUIRY' },
  FeedbackSubmitted: { feedbackId: 'f-1', kind: 'NPS', score: 9 },
  ReferralRecorded: { referredCustomerId: 'c-2' },
  CustomerChurnDeclared: { reason: 'MANUAL' },
  DayEnded: { date: '1997-02-02' },
};

const envelope = (type: EventType, data: unknown = VALID_DATA[type], extra: Record<string, unknown> = {}) => ({
  eventId: EVENT_ID,
  type,
  ...(type === 'DayEnded' ? {} : { customerId: 'c-1' }),
  occurredAt: AT,
  data,
  ...extra,
});

/** The valid data of `type` with `patch` applied; an `undefined` value removes the field. */
const withData = (type: EventType, patch: Record<string, unknown>) => {
  const data: Record<string, unknown> = { ...VALID_DATA[type], ...patch };
  for (const key of Object.keys(patch)) if (patch[key] === undefined) delete data[key];
  return envelope(type, data);
};

function accepted(outcome: ValidationOutcome): LifecycleEvent {
  if (!outcome.ok) throw new Error(`expected acceptance, got ${outcome.rejection.reason}`);
  return outcome.event;
}

function rejected(outcome: ValidationOutcome): FieldError[] {
  if (outcome.ok) throw new Error('expected a rejection');
  expect(outcome.rejection.code).toBe('INVALID_EVENT');
  const errors = outcome.rejection.errors ?? [];
  expect(outcome.rejection.reason).toBe(`${errors[0].path}: ${errors[0].reason}`);
  return errors;
}

const errorsOf = (raw: unknown, options = USD) => rejected(validateEvent(raw, options));

describe('validateEvent: valid events are normalised', () => {
  it.each(Object.keys(VALID_DATA) as EventType[])('accepts a minimal %s', (type) => {
    const event = accepted(validateEvent(envelope(type), USD));
    expect(event).toEqual(envelope(type));
  });

  it('lower-cases the eventId', () => {
    const event = accepted(validateEvent(envelope('ReferralRecorded', undefined, { eventId: EVENT_ID.toUpperCase() }), USD));
    expect(event.eventId).toBe(EVENT_ID);
  });

  it('accepts a UUID of any version or variant', () => {
    for (const eventId of ['00000000-0000-0000-0000-000000000001', '11111111-1111-1111-1111-111111111111']) {
      expect(validateEvent(envelope('ReferralRecorded', undefined, { eventId }), USD).ok).toBe(true);
    }
  });

  it.each([
    ['1997-02-02T15:30:00+02:30', '1997-02-02T13:00:00.000Z'],
    ['1997-02-01T23:00:00-14:00', '1997-02-02T13:00:00.000Z'],
    ['1997-02-02T13:00:00.123456789Z', '1997-02-02T13:00:00.123Z'],
    ['1997-02-02T13:00:00.5Z', '1997-02-02T13:00:00.500Z'],
    ['1997-02-02T13:00:00Z', '1997-02-02T13:00:00.000Z'],
    ['1997-02-02T14:00:00.9999+01:00', '1997-02-02T13:00:00.999Z'],
  ])('normalises occurredAt %s to %s', (occurredAt, expected) => {
    const event = accepted(validateEvent(envelope('ReferralRecorded', undefined, { occurredAt }), USD));
    expect(event.occurredAt).toBe(expected);
  });

  it('keeps every known field of a full PurchaseCompleted and drops unknown ones at every level', () => {
    const raw = {
      eventId: EVENT_ID, type: 'PurchaseCompleted', customerId: 'c-1', occurredAt: AT, extra: 1,
      metadata: { source: 'import', correlationId: 'x' },
      data: {
        orderId: 'o-1', salesChannel: 'STORE', referredBy: 'c-9', unknown: true,
        total: { amountMinor: 1300, currency: 'EUR', baseAmountMinor: 1400, rate: 1.07 },
        lines: [{ sku: 'a', category: 'rock', quantity: 2, unitPriceMinor: 650, colour: 'red' }],
      },
    };
    expect(accepted(validateEvent(raw, USD))).toEqual({
      eventId: EVENT_ID, type: 'PurchaseCompleted', customerId: 'c-1', occurredAt: AT,
      metadata: { source: 'import', correlationId: 'x' },
      data: {
        orderId: 'o-1', salesChannel: 'STORE', referredBy: 'c-9',
        total: { amountMinor: 1300, currency: 'EUR', baseAmountMinor: 1400 },
        lines: [{ sku: 'a', category: 'rock', quantity: 2, unitPriceMinor: 650 }],
      },
    });
  });

  it('returns plain objects, not DTO instances, and does not touch the input', () => {
    const raw = envelope('PurchaseCompleted', { ...VALID_DATA.PurchaseCompleted, lines: [{ sku: 'a', quantity: 1, unitPriceMinor: 1 }] });
    const copy = structuredClone(raw);
    const event = accepted(validateEvent(raw, USD)) as Extract<LifecycleEvent, { type: 'PurchaseCompleted' }>;
    expect(event).toStrictEqual(copy);
    expect(Object.getPrototypeOf(event.data.total)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(event.data.lines?.[0])).toBe(Object.prototype);
    expect(raw).toEqual(copy);
  });

  it('keeps all optional fields of each type', () => {
    const full: [EventType, Record<string, unknown>][] = [
      ['CustomerRegistered', { kind: 'BUSINESS', relation: 'CHANNEL', displayName: 'Acme', country: 'DE', acquisitionChannel: 'RADIO' }],
      ['PurchaseRefunded', { refundId: 'r', orderId: 'o', amount: { amountMinor: 1, currency: 'GBP', baseAmountMinor: 2 }, reason: 'GOODWILL' }],
      ['InteractionRecorded', { interactionId: 'i', channel: 'VISIT', direction: 'OUTBOUND', intent: 'DEMO', contactRole: 'DECISION_MAKER', note: 'n' }],
      ['FeedbackSubmitted', { feedbackId: 'f', kind: 'CSAT', score: 5, orderId: 'o', comment: 'c' }],
    ];
    for (const [type, data] of full) expect(accepted(validateEvent(envelope(type, data), USD)).data).toEqual(data);
  });

  it('treats null optional fields as absent and drops them', () => {
    const raw = withData('CustomerRegistered', { displayName: null, country: null });
    expect(accepted(validateEvent({ ...raw, metadata: null }, USD))).toEqual(envelope('CustomerRegistered'));
  });

  it('accepts a baseAmountMinor alongside the base currency', () => {
    const total = { amountMinor: 100, currency: 'USD', baseAmountMinor: 100 };
    expect(validateEvent(withData('PurchaseCompleted', { total }), USD).ok).toBe(true);
  });

  it('accepts feedback scores at the ends of each scale and a COMPLAINT without score', () => {
    const ok: [string, number | undefined][] = [
      ['NPS', 0], ['NPS', 10], ['CSAT', 1], ['CSAT', 5], ['REVIEW', 1], ['REVIEW', 5], ['COMPLAINT', undefined],
    ];
    for (const [kind, score] of ok) expect(validateEvent(withData('FeedbackSubmitted', { kind, score }), USD).ok).toBe(true);
  });

  it('accepts 64-char customerIds of every allowed character class', () => {
    const customerId = `aZ09._:-${'x'.repeat(56)}`;
    expect(accepted(validateEvent({ ...envelope('ReferralRecorded'), customerId }, USD))).toMatchObject({ customerId });
  });

  it('accepts a DayEnded without customerId and ignores one that is present', () => {
    expect(accepted(validateEvent(envelope('DayEnded', { date: '1996-02-29' }), USD))).toEqual({
      eventId: EVENT_ID, type: 'DayEnded', occurredAt: AT, data: { date: '1996-02-29' },
    });
    const event = accepted(validateEvent({ ...envelope('DayEnded'), customerId: 'not valid!' }, USD));
    expect(event).not.toHaveProperty('customerId');
  });
});

describe('validateEvent: envelope rules', () => {
  it.each([null, [], 'text', 42, true, undefined])('rejects a non-object body %p at $', (raw) => {
    expect(errorsOf(raw)).toEqual([{ path: '$', reason: 'must be a JSON object' }]);
  });

  const UUID = 'must be a UUID';
  const TYPES = 'must be one of CustomerRegistered|PurchaseCompleted|PurchaseRefunded|InteractionRecorded|FeedbackSubmitted|ReferralRecorded|CustomerChurnDeclared|DayEnded';
  const CUSTOMER_ID = 'must be 1-64 chars of [A-Za-z0-9._:-]';
  const INSTANT = 'not an ISO-8601 instant';
  const METADATA = 'must be an object of string values';

  it.each<[string, Record<string, unknown>, string, string]>([
    ['eventId not a UUID', { eventId: 'not-a-uuid' }, 'eventId', UUID],
    ['eventId missing', { eventId: undefined }, 'eventId', UUID],
    ['eventId a number', { eventId: 42 }, 'eventId', UUID],
    ['eventId with braces', { eventId: `{${EVENT_ID}}` }, 'eventId', UUID],
    ['customerId with a space', { customerId: '17261 x' }, 'customerId', CUSTOMER_ID],
    ['customerId empty', { customerId: '' }, 'customerId', CUSTOMER_ID],
    ['customerId of 65 chars', { customerId: 'x'.repeat(65) }, 'customerId', CUSTOMER_ID],
    ['customerId a number', { customerId: 17261 }, 'customerId', CUSTOMER_ID],
    ['customerId missing', { customerId: undefined }, 'customerId', CUSTOMER_ID],
    ['customerId with a slash', { customerId: 'a/b' }, 'customerId', CUSTOMER_ID],
    ['occurredAt local (no zone)', { occurredAt: '1997-06-10T13:00:00.000' }, 'occurredAt', INSTANT],
    ['occurredAt a date only', { occurredAt: '1997-06-10' }, 'occurredAt', INSTANT],
    ['occurredAt an impossible day', { occurredAt: '1997-02-29T13:00:00Z' }, 'occurredAt', INSTANT],
    ['occurredAt hour 24', { occurredAt: '1997-02-02T24:00:00Z' }, 'occurredAt', INSTANT],
    ['occurredAt in RFC-2822 form', { occurredAt: 'Sun, 02 Feb 1997 13:00:00 GMT' }, 'occurredAt', INSTANT],
    ['occurredAt epoch ms', { occurredAt: 854888400000 }, 'occurredAt', INSTANT],
    ['occurredAt missing', { occurredAt: undefined }, 'occurredAt', INSTANT],
    ['metadata with a number value', { metadata: { source: 'x', attempt: 1 } }, 'metadata', METADATA],
    ['metadata an array', { metadata: ['x'] }, 'metadata', METADATA],
    ['metadata a string', { metadata: 'x' }, 'metadata', METADATA],
    ['data missing', { data: undefined }, 'data', 'must be an object'],
    ['data an array', { data: [] }, 'data', 'must be an object'],
    ['data a string', { data: 'x' }, 'data', 'must be an object'],
  ])('%s', (_name, patch, path, reason) => {
    const raw: Record<string, unknown> = { ...envelope('ReferralRecorded'), ...patch };
    for (const key of Object.keys(patch)) if (patch[key] === undefined) delete raw[key];
    expect(errorsOf(raw)).toEqual([{ path, reason }]);
  });

  it.each([['Unknown'], ['purchaseCompleted'], [undefined], [7]])('rejects type %p and skips its data', (type) => {
    expect(errorsOf({ ...envelope('ReferralRecorded', 'not data'), type })).toEqual([{ path: 'type', reason: TYPES }]);
  });

  it('reports every error, envelope first in field order, then data in declaration order', () => {
    const raw = {
      data: { total: { currency: 'usd', amountMinor: -1 }, orderId: '', salesChannel: 'MAIL_ORDER' },
      metadata: { a: 1 },
      occurredAt: '1997-02-02T13:00:00',
      customerId: 'a b',
      type: 'PurchaseCompleted',
      eventId: 'x',
    };
    const outcome = validateEvent(raw, USD);
    expect(rejected(outcome)).toEqual([
      { path: 'eventId', reason: UUID },
      { path: 'customerId', reason: CUSTOMER_ID },
      { path: 'occurredAt', reason: INSTANT },
      { path: 'metadata', reason: METADATA },
      { path: 'data.orderId', reason: 'must be a non-empty string' },
      { path: 'data.total.amountMinor', reason: 'must be an integer >= 0' },
      { path: 'data.total.currency', reason: 'must be 3 uppercase letters (ISO-4217)' },
      { path: 'data.salesChannel', reason: 'must be one of DIRECT|ONLINE|STORE|PARTNER' },
    ]);
    expect(!outcome.ok && outcome.rejection.reason).toBe('eventId: must be a UUID');
  });
});

describe('validateEvent: data rules', () => {
  const NON_EMPTY = 'must be a non-empty string';
  const MINOR = 'must be an integer >= 0';
  const CURRENCY = 'must be 3 uppercase letters (ISO-4217)';
  const BASE_REQUIRED = 'required (integer >= 0) when currency is not USD';
  const usd = (amountMinor: unknown, extra: Record<string, unknown> = {}) => ({ amountMinor, currency: 'USD', ...extra });

  it.each<[EventType, Record<string, unknown>, string, string]>([
    // CustomerRegistered
    ['CustomerRegistered', { kind: 'PERSON' }, 'data.kind', 'must be one of CONSUMER|BUSINESS'],
    ['CustomerRegistered', { kind: undefined }, 'data.kind', 'must be one of CONSUMER|BUSINESS'],
    ['CustomerRegistered', { relation: 'end_customer' }, 'data.relation', 'must be one of END_CUSTOMER|CHANNEL|INTERNAL|PUBLIC'],
    ['CustomerRegistered', { displayName: '' }, 'data.displayName', NON_EMPTY],
    ['CustomerRegistered', { country: 1 }, 'data.country', NON_EMPTY],
    ['CustomerRegistered', { acquisitionChannel: '' }, 'data.acquisitionChannel', NON_EMPTY],
    // PurchaseCompleted
    ['PurchaseCompleted', { orderId: '' }, 'data.orderId', NON_EMPTY],
    ['PurchaseCompleted', { orderId: undefined }, 'data.orderId', NON_EMPTY],
    ['PurchaseCompleted', { orderId: 12 }, 'data.orderId', NON_EMPTY],
    ['PurchaseCompleted', { total: undefined }, 'data.total', 'must be an object'],
    ['PurchaseCompleted', { total: 1000 }, 'data.total', 'must be an object'],
    ['PurchaseCompleted', { total: [usd(1)] }, 'data.total', 'must be an object'],
    ['PurchaseCompleted', { total: usd(-1299) }, 'data.total.amountMinor', MINOR],
    ['PurchaseCompleted', { total: usd(10.5) }, 'data.total.amountMinor', MINOR],
    ['PurchaseCompleted', { total: usd('1000') }, 'data.total.amountMinor', MINOR],
    ['PurchaseCompleted', { total: usd(2 ** 53) }, 'data.total.amountMinor', MINOR],
    ['PurchaseCompleted', { total: { currency: 'USD' } }, 'data.total.amountMinor', MINOR],
    ['PurchaseCompleted', { total: { amountMinor: 1, currency: 'usd' } }, 'data.total.currency', CURRENCY],
    ['PurchaseCompleted', { total: { amountMinor: 1, currency: 'US' } }, 'data.total.currency', CURRENCY],
    ['PurchaseCompleted', { total: { amountMinor: 1 } }, 'data.total.currency', CURRENCY],
    ['PurchaseCompleted', { total: { amountMinor: 1000, currency: 'CAD' } }, 'data.total.baseAmountMinor', BASE_REQUIRED],
    ['PurchaseCompleted', { total: { amountMinor: 1000, currency: 'CAD', baseAmountMinor: -1 } }, 'data.total.baseAmountMinor', BASE_REQUIRED],
    ['PurchaseCompleted', { total: { amountMinor: 1000, currency: 'CAD', baseAmountMinor: null } }, 'data.total.baseAmountMinor', BASE_REQUIRED],
    ['PurchaseCompleted', { total: usd(1, { baseAmountMinor: -5 }) }, 'data.total.baseAmountMinor', MINOR],
    ['PurchaseCompleted', { total: usd(1, { baseAmountMinor: '1' }) }, 'data.total.baseAmountMinor', MINOR],
    ['PurchaseCompleted', { lines: {} }, 'data.lines', 'must be an array'],
    ['PurchaseCompleted', { lines: [null] }, 'data.lines.0', 'must be an object'],
    ['PurchaseCompleted', { lines: [{ sku: 'a', quantity: 1, unitPriceMinor: 1 }, 'b'] }, 'data.lines.1', 'must be an object'],
    ['PurchaseCompleted', { lines: [{ sku: '', quantity: 1, unitPriceMinor: 1 }] }, 'data.lines.0.sku', NON_EMPTY],
    ['PurchaseCompleted', { lines: [{ sku: 'a', category: '', quantity: 1, unitPriceMinor: 1 }] }, 'data.lines.0.category', NON_EMPTY],
    ['PurchaseCompleted', { lines: [{ sku: 'a', quantity: 0, unitPriceMinor: 1 }] }, 'data.lines.0.quantity', 'must be an integer > 0'],
    ['PurchaseCompleted', { lines: [{ sku: 'a', quantity: 1.5, unitPriceMinor: 1 }] }, 'data.lines.0.quantity', 'must be an integer > 0'],
    ['PurchaseCompleted', { lines: [{ sku: 'a', quantity: 1 }] }, 'data.lines.0.unitPriceMinor', MINOR],
    ['PurchaseCompleted', { lines: [{ sku: 'a', quantity: 1, unitPriceMinor: -1 }] }, 'data.lines.0.unitPriceMinor', MINOR],
    ['PurchaseCompleted', { salesChannel: 'MAIL_ORDER' }, 'data.salesChannel', 'must be one of DIRECT|ONLINE|STORE|PARTNER'],
    ['PurchaseCompleted', { salesChannel: undefined }, 'data.salesChannel', 'must be one of DIRECT|ONLINE|STORE|PARTNER'],
    ['PurchaseCompleted', { referredBy: '' }, 'data.referredBy', NON_EMPTY],
    // PurchaseRefunded
    ['PurchaseRefunded', { refundId: '' }, 'data.refundId', NON_EMPTY],
    ['PurchaseRefunded', { orderId: '' }, 'data.orderId', NON_EMPTY],
    ['PurchaseRefunded', { amount: undefined }, 'data.amount', 'must be an object'],
    ['PurchaseRefunded', { amount: usd(0) }, 'data.amount.amountMinor', 'must be > 0'],
    ['PurchaseRefunded', { amount: usd(-3) }, 'data.amount.amountMinor', MINOR],
    ['PurchaseRefunded', { amount: { amountMinor: 5, currency: 'EUR' } }, 'data.amount.baseAmountMinor', BASE_REQUIRED],
    ['PurchaseRefunded', { amount: { amountMinor: 5, currency: 'EUR', baseAmountMinor: 0 } }, 'data.amount.baseAmountMinor', 'must be > 0'],
    ['PurchaseRefunded', { amount: usd(5, { baseAmountMinor: 0 }) }, 'data.amount.baseAmountMinor', 'must be > 0'],
    ['PurchaseRefunded', { reason: 'OTHER' }, 'data.reason', 'must be one of RETURN|CANCEL|GOODWILL'],
    // InteractionRecorded
    ['InteractionRecorded', { interactionId: '' }, 'data.interactionId', NON_EMPTY],
    ['InteractionRecorded', { channel: 'FAX' }, 'data.channel', 'must be one of PHONE|EMAIL|CHAT|SOCIAL|VISIT|WEB|STORE'],
    ['InteractionRecorded', { direction: 'BOTH' }, 'data.direction', 'must be one of INBOUND|OUTBOUND'],
    ['InteractionRecorded', { intent: undefined }, 'data.intent', 'must be one of NONE|INQUIRY|QUOTE_REQUEST|DEMO|COMPLAINT|SUPPORT|FOLLOW_UP|MARKETING'],
    ['InteractionRecorded', { contactRole: 'CEO' }, 'data.contactRole', 'must be one of BUYER|USER|DECISION_MAKER|INFLUENCER|PROMOTER'],
    ['InteractionRecorded', { note: '' }, 'data.note', NON_EMPTY],
    // FeedbackSubmitted
    ['FeedbackSubmitted', { feedbackId: '' }, 'data.feedbackId', NON_EMPTY],
    ['FeedbackSubmitted', { kind: 'STARS', score: 99 }, 'data.kind', 'must be one of NPS|CSAT|REVIEW|COMPLAINT'],
    ['FeedbackSubmitted', { kind: 'NPS', score: 11 }, 'data.score', 'must be an integer 0-10 for NPS'],
    ['FeedbackSubmitted', { kind: 'NPS', score: -1 }, 'data.score', 'must be an integer 0-10 for NPS'],
    ['FeedbackSubmitted', { kind: 'NPS', score: 7.5 }, 'data.score', 'must be an integer 0-10 for NPS'],
    ['FeedbackSubmitted', { kind: 'NPS', score: '7' }, 'data.score', 'must be an integer 0-10 for NPS'],
    ['FeedbackSubmitted', { kind: 'NPS', score: undefined }, 'data.score', 'must be an integer 0-10 for NPS'],
    ['FeedbackSubmitted', { kind: 'CSAT', score: 0 }, 'data.score', 'must be an integer 1-5 for CSAT'],
    ['FeedbackSubmitted', { kind: 'CSAT', score: 6 }, 'data.score', 'must be an integer 1-5 for CSAT'],
    ['FeedbackSubmitted', { kind: 'REVIEW', score: 0 }, 'data.score', 'must be an integer 1-5 for REVIEW'],
    ['FeedbackSubmitted', { kind: 'REVIEW', score: undefined }, 'data.score', 'must be an integer 1-5 for REVIEW'],
    ['FeedbackSubmitted', { kind: 'COMPLAINT', score: 3 }, 'data.score', 'must be absent for COMPLAINT'],
    ['FeedbackSubmitted', { kind: 'COMPLAINT', score: 0 }, 'data.score', 'must be absent for COMPLAINT'],
    ['FeedbackSubmitted', { orderId: '' }, 'data.orderId', NON_EMPTY],
    ['FeedbackSubmitted', { comment: '' }, 'data.comment', NON_EMPTY],
    // ReferralRecorded
    ['ReferralRecorded', { referredCustomerId: 'a b' }, 'data.referredCustomerId', 'must be 1-64 chars of [A-Za-z0-9._:-]'],
    ['ReferralRecorded', { referredCustomerId: '' }, 'data.referredCustomerId', 'must be 1-64 chars of [A-Za-z0-9._:-]'],
    ['ReferralRecorded', { referredCustomerId: undefined }, 'data.referredCustomerId', 'must be 1-64 chars of [A-Za-z0-9._:-]'],
    // CustomerChurnDeclared
    ['CustomerChurnDeclared', { reason: 'BORED' }, 'data.reason', 'must be one of CONTRACT_ENDED|ACCOUNT_CLOSED|MANUAL'],
    // DayEnded
    ['DayEnded', { date: '1997-02-30' }, 'data.date', 'must be a valid YYYY-MM-DD date'],
    ['DayEnded', { date: '1997-2-1' }, 'data.date', 'must be a valid YYYY-MM-DD date'],
    ['DayEnded', { date: '1997-02-02T00:00:00Z' }, 'data.date', 'must be a valid YYYY-MM-DD date'],
    ['DayEnded', { date: undefined }, 'data.date', 'must be a valid YYYY-MM-DD date'],
  ])('%s %j → %s', (type, patch, path, reason) => {
    expect(errorsOf(withData(type, patch))).toEqual([{ path, reason }]);
  });

  it('names the configured base currency in the baseAmountMinor message', () => {
    const raw = withData('PurchaseCompleted', { total: { amountMinor: 1000, currency: 'USD' } });
    expect(errorsOf(raw, { baseCurrency: 'EUR' })).toEqual([
      { path: 'data.total.baseAmountMinor', reason: 'required (integer >= 0) when currency is not EUR' },
    ]);
    const euro = withData('PurchaseCompleted', { total: { amountMinor: 1000, currency: 'EUR' } });
    expect(validateEvent(euro, { baseCurrency: 'EUR' }).ok).toBe(true);
  });

  it('does not require baseAmountMinor when the currency itself is invalid', () => {
    expect(errorsOf(withData('PurchaseCompleted', { total: { amountMinor: 1, currency: 'eur' } }))).toEqual([
      { path: 'data.total.currency', reason: CURRENCY },
    ]);
  });

  it('reports errors in several lines with their indexes', () => {
    const lines = [{ sku: 'a', quantity: 0, unitPriceMinor: 1 }, { sku: 'b', quantity: 1, unitPriceMinor: 1 }, { quantity: 1, unitPriceMinor: -1 }];
    expect(errorsOf(withData('PurchaseCompleted', { lines }))).toEqual([
      { path: 'data.lines.0.quantity', reason: 'must be an integer > 0' },
      { path: 'data.lines.2.sku', reason: NON_EMPTY },
      { path: 'data.lines.2.unitPriceMinor', reason: MINOR },
    ]);
  });
});

describe('validateRouteEvent', () => {
  const body = { eventId: EVENT_ID, occurredAt: '1997-02-02T14:00:00+01:00', data: VALID_DATA.FeedbackSubmitted };
  const route = { type: 'FeedbackSubmitted', customerId: 'c-1' } as const;

  it('takes type and customerId from the route', () => {
    expect(accepted(validateRouteEvent(body, route, USD))).toEqual(envelope('FeedbackSubmitted'));
  });

  it('ignores type and customerId in the body', () => {
    const event = accepted(validateRouteEvent({ ...body, type: 'DayEnded', customerId: 'other' }, route, USD));
    expect(event).toMatchObject({ type: 'FeedbackSubmitted', customerId: 'c-1' });
  });

  it('validates the route customerId at path customerId', () => {
    const outcome = validateRouteEvent(body, { ...route, customerId: 'a b' }, USD);
    expect(rejected(outcome)).toEqual([{ path: 'customerId', reason: 'must be 1-64 chars of [A-Za-z0-9._:-]' }]);
  });

  it('validates the data against the route type', () => {
    const outcome = validateRouteEvent({ ...body, data: { feedbackId: 'f', kind: 'COMPLAINT', score: 3 } }, route, USD);
    expect(rejected(outcome)).toEqual([{ path: 'data.score', reason: 'must be absent for COMPLAINT' }]);
  });

  it.each([null, [], 'x'])('rejects a non-object body %p at $', (raw) => {
    expect(rejected(validateRouteEvent(raw, route, USD))).toEqual([{ path: '$', reason: 'must be a JSON object' }]);
  });
});
