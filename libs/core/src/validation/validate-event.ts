import { validateSync, type ValidatorOptions } from 'class-validator';
import type { BusinessEventType, LifecycleEvent } from '../../../domain/src/events/event-types.js';
import type { FieldError, Rejection } from '../../../domain/src/rules/rejection.js';
import { formatInstant, parseInstant } from '../../../domain/src/time/instant.js';
import { withBaseCurrency } from './base-currency.context.js';
import { EventEnvelopeDto } from './dto/event-envelope.dto.js';
import { flattenErrors } from './flatten-errors.js';
import { MAX_EVENT_DEPTH, tooDeepPath } from './json-depth.js';
import { toDtoInstance } from './to-dto-instance.js';
import { toPlain } from './to-plain.js';
import { cacheValidationMetadata } from './validation-metadata-cache.js';

cacheValidationMetadata();

export type ValidationOutcome =
  | { ok: true; event: LifecycleEvent }
  | { ok: false; rejection: Rejection };

export interface ValidationSettings {
  /** The deployment's base currency (ISO-4217). */
  baseCurrency: string;
}

export interface EventRoute {
  type: BusinessEventType;
  customerId: string;
}

const VALIDATOR_OPTIONS: ValidatorOptions = Object.freeze({
  whitelist: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
  validationError: { target: false, value: false },
});

/** Validates a full envelope (`type` and `customerId` included), as in an NDJSON import. */
export function validateEvent(raw: unknown, options: ValidationSettings): ValidationOutcome {
  if (!isJsonObject(raw)) return invalid([NOT_AN_OBJECT]);
  const deep = tooDeepPath(raw, MAX_EVENT_DEPTH);
  if (deep) return invalid([tooDeep(deep)]);
  return validateEnvelope(raw, options);
}

/** Validates the body of a per-type HTTP route; `type` and `customerId` come from the route. */
export function validateRouteEvent(raw: unknown, route: EventRoute, options: ValidationSettings): ValidationOutcome {
  if (!isJsonObject(raw)) return invalid([NOT_AN_OBJECT]);
  const deep = tooDeepPath(raw, MAX_EVENT_DEPTH);
  if (deep) return invalid([tooDeep(deep)]);
  return validateEnvelope({ ...raw, type: route.type, customerId: route.customerId }, options);
}

const NOT_AN_OBJECT: FieldError = { path: '$', reason: 'must be a JSON object' };
const tooDeep = (path: string): FieldError => ({ path, reason: `nested deeper than ${MAX_EVENT_DEPTH} levels` });

const isJsonObject = (raw: unknown): raw is Record<string, unknown> =>
  typeof raw === 'object' && raw !== null && !Array.isArray(raw);

function validateEnvelope(raw: Record<string, unknown>, options: ValidationSettings): ValidationOutcome {
  const dto = toDtoInstance(EventEnvelopeDto, raw);
  const errors = withBaseCurrency(options.baseCurrency, () => validateSync(dto, VALIDATOR_OPTIONS));
  if (errors.length > 0) return invalid(flattenErrors(errors));
  return { ok: true, event: normalise(dto) };
}

function normalise(dto: EventEnvelopeDto): LifecycleEvent {
  const event: Record<string, unknown> = {
    eventId: dto.eventId.toLowerCase(),
    type: dto.type,
  };
  if (dto.type !== 'DayEnded') event.customerId = dto.customerId;
  event.occurredAt = formatInstant(parseInstant(dto.occurredAt) as number);
  event.data = toPlain(dto.data);
  if (dto.metadata !== undefined && dto.metadata !== null) event.metadata = { ...dto.metadata };
  return event as unknown as LifecycleEvent;
}

function invalid(errors: FieldError[]): ValidationOutcome {
  const [first] = errors;
  return { ok: false, rejection: { code: 'INVALID_EVENT', reason: `${first.path}: ${first.reason}`, errors } };
}
