import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import { EventEnvelopeDto } from './dto/event-envelope.dto.js';
import { EVENT_TYPES } from './dto/data-dto-by-type.js';
import { flattenErrors } from './flatten-errors.js';
import { toDtoInstance } from './to-dto-instance.js';

const OPTIONS = { whitelist: true, forbidUnknownValues: true, stopAtFirstError: true, validationError: { target: false, value: false } };

/** Prototypes included, so that a plain object never passes for a DTO instance. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.keys(value).map((key) => [key, shape((value as Record<string, unknown>)[key])]);
  return { class: Object.getPrototypeOf(value)?.constructor?.name ?? null, entries };
}

const json = fc.jsonValue({ maxDepth: 3 });
const money = fc.record({ amountMinor: fc.oneof(fc.nat(), json), currency: fc.constantFrom('USD', 'EUR', 'usd'), baseAmountMinor: fc.oneof(fc.nat(), json) }, { requiredKeys: [] });
const line = fc.record({ sku: fc.string(), quantity: fc.oneof(fc.nat(), json), unitPriceMinor: fc.nat(), toString: json }, { requiredKeys: [] });
const data = fc.record({
  orderId: fc.oneof(fc.string(), json), total: fc.oneof(money, fc.array(money, { maxLength: 2 }), json), amount: fc.oneof(money, json),
  lines: fc.oneof(fc.array(fc.oneof(line, json), { maxLength: 3 }), line, json), salesChannel: fc.constantFrom('ONLINE', 'STORE', 'x'),
  kind: fc.constantFrom('CONSUMER', 'NPS', 'COMPLAINT'), relation: fc.constant('END_CUSTOMER'), score: fc.oneof(fc.integer({ min: -1, max: 11 }), json),
  date: fc.constantFrom('1997-02-02', '1997-02-30'), extra: json, constructor: json, hasOwnProperty: json,
}, { requiredKeys: [] });
const envelope = fc.record({
  eventId: fc.oneof(fc.uuid(), json), type: fc.oneof(fc.constantFrom(...EVENT_TYPES), json), customerId: fc.oneof(fc.constant('c-1'), json),
  occurredAt: fc.oneof(fc.constant('1997-02-02T13:00:00Z'), json), metadata: fc.oneof(fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }), json),
  data: fc.oneof(data, fc.array(data, { maxLength: 2 }), json), unknown: json,
}, { requiredKeys: [] });
// Through JSON, as bodies arrive (an own "__proto__" key included).
const parsed = fc.tuple(envelope, fc.boolean()).map(([value, proto]) => JSON.parse(JSON.stringify(value).replace(/^\{/, proto ? '{"__proto__":{"x":1},' : '{')) as unknown);

describe('toDtoInstance', () => {
  it('builds what plainToInstance builds, and validation answers the same on both', () => {
    fc.assert(
      fc.property(parsed, (raw) => {
        const ours = toDtoInstance(EventEnvelopeDto, raw);
        const theirs = plainToInstance(EventEnvelopeDto, raw);
        expect(shape(ours)).toEqual(shape(theirs));
        expect(flattenErrors(validateSync(ours, OPTIONS))).toEqual(flattenErrors(validateSync(theirs, OPTIONS)));
        // Whitelisting strips both alike.
        expect(shape(ours)).toEqual(shape(theirs));
      }),
      { numRuns: 2_000 },
    );
  });

  it('types data by the envelope type and nested objects by their @Type', () => {
    const dto = toDtoInstance(EventEnvelopeDto, {
      type: 'PurchaseCompleted', data: { orderId: 'o', total: { amountMinor: 1, currency: 'USD' }, lines: [{ sku: 's' }, 3] },
    }) as unknown as { data: { total: object; lines: unknown[] } };
    expect(dto).toBeInstanceOf(EventEnvelopeDto);
    expect(dto.data.constructor.name).toBe('PurchaseCompletedDto');
    expect(dto.data.total.constructor.name).toBe('MoneyDto');
    expect((dto.data.lines[0] as object).constructor.name).toBe('PurchaseLineDto');
    expect(dto.data.lines[1]).toBe(3);
  });
});
