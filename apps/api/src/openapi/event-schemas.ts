import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { BUSINESS_EVENT_TYPES } from '@lifecycle/domain';

type Schema = Record<string, unknown>;

/** JSON Schemas of the constraints the event DTOs declare with the project's own class-validator decorators. */
const CUSTOM_CONSTRAINTS: Record<string, Schema> = {
  isNonEmptyString: { type: 'string', minLength: 1 },
  isNonNegativeInt: { type: 'integer', minimum: 0 },
  isPositiveInt: { type: 'integer', minimum: 1 },
  isInstant: { type: 'string', format: 'date-time', description: 'ISO-8601 instant with a zone' },
  isCalendarDate: { type: 'string', format: 'date' },
  isStringRecord: { type: 'object', additionalProperties: { type: 'string' } },
  isMinorAmount: { type: 'integer', minimum: 0, description: 'integer minor units (> 0 for refunds)' },
  isBaseAmount: { type: 'integer', minimum: 0, description: 'amount in base-currency minor units; required when `currency` is not the base currency' },
  isScoreForKind: { type: 'integer', minimum: 0, maximum: 10, description: 'NPS 0-10, CSAT and REVIEW 1-5, absent for COMPLAINT' },
};

/** Properties whose validator requires them only in some cases (a foreign currency, a scored feedback kind). */
const CONDITIONALLY_REQUIRED = ['baseAmountMinor', 'score'];

/** The data DTO of each event type (class names of libs/core/src/validation/dto). */
export const DATA_SCHEMA_OF_TYPE: Record<string, string> = {
  ...Object.fromEntries(BUSINESS_EVENT_TYPES.map((type) => [type, `${type}Dto`])),
  DayEnded: 'DayEndedDto',
};

/**
 * JSON Schemas of every event DTO, generated from their class-validator metadata (so the
 * document follows the validation), plus one route body per business event type and the
 * full envelope of `POST /events` as a union over the types.
 */
export function eventSchemas(): Record<string, Schema> {
  const all = validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
    classTransformerMetadataStorage: defaultMetadataStorage,
    additionalConverters: CUSTOM_CONSTRAINTS,
  }) as Record<string, Schema>;
  const schemas: Record<string, Schema> = Object.fromEntries(Object.entries(all).filter(([name]) => name.endsWith('Dto') && name !== 'EventEnvelopeDto'));
  for (const schema of Object.values(schemas) as Array<{ required?: string[] }>) {
    schema.required = schema.required?.filter((property) => !CONDITIONALLY_REQUIRED.includes(property));
  }
  const envelope = all.EventEnvelopeDto as { properties: Record<string, Schema> };
  const { type: _type, customerId, data: _data, ...common } = envelope.properties;
  for (const [type, dto] of Object.entries(DATA_SCHEMA_OF_TYPE)) {
    const data = { $ref: `#/components/schemas/${dto}` };
    if (type !== 'DayEnded') {
      schemas[`${type}Body`] = { type: 'object', properties: { ...common, data }, required: ['eventId', 'occurredAt', 'data'] };
    }
    schemas[`${type}Envelope`] = {
      type: 'object',
      properties: { ...common, type: { const: type }, ...(type === 'DayEnded' ? {} : { customerId }), data },
      required: ['eventId', 'type', 'occurredAt', 'data', ...(type === 'DayEnded' ? [] : ['customerId'])],
    };
  }
  schemas.EventEnvelope = { oneOf: Object.keys(DATA_SCHEMA_OF_TYPE).map((type) => ({ $ref: `#/components/schemas/${type}Envelope` })) };
  return schemas;
}
