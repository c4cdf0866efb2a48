import { IsIn, IsUUID, Matches, ValidateBy, type ValidationOptions } from 'class-validator';
import { parseDate, parseInstant } from '../../../domain/src/time/instant.js';

export const CUSTOMER_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
const CURRENCY_PATTERN = /^[A-Z]{3}$/;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Applies several property decorators as one. */
export const composeDecorators =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };

/** Any 8-4-4-4-12 hex UUID, whatever its version or variant. */
export const IsEventId = (): PropertyDecorator => IsUUID('loose', { message: 'must be a UUID' });

export const IsCustomerId = (): PropertyDecorator =>
  Matches(CUSTOMER_ID_PATTERN, { message: 'must be 1-64 chars of [A-Za-z0-9._:-]' });

export const IsCurrencyCode = (): PropertyDecorator =>
  Matches(CURRENCY_PATTERN, { message: 'must be 3 uppercase letters (ISO-4217)' });

export const IsOneOf = (values: readonly string[], options?: ValidationOptions): PropertyDecorator =>
  IsIn(values as string[], { ...options, message: `must be one of ${values.join('|')}` });

/** Longest identifier or short text (orderId, sku, displayName, …): nothing is stored forever unbounded. */
export const MAX_FIELD_LENGTH = 256;
/** Longest free text (a note, a comment). */
export const MAX_TEXT_LENGTH = 4096;
/** Metadata: at most this many entries, keys and values this long, this much in total (JSON). */
export const METADATA_LIMITS = Object.freeze({ entries: 32, keyLength: 64, valueLength: 1024, totalBytes: 8192 });

export const IsNonEmptyString = (maxLength: number = MAX_FIELD_LENGTH): PropertyDecorator =>
  ValidateBy({
    name: 'isNonEmptyString',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value.length > 0 && value.length <= maxLength,
      defaultMessage: (args) =>
        typeof args?.value === 'string' && args.value.length > maxLength
          ? `must be at most ${maxLength} characters (got ${args.value.length})`
          : 'must be a non-empty string',
    },
  });

const isIntAbove = (value: unknown, floor: number): boolean =>
  Number.isSafeInteger(value) && (value as number) > floor;

export const IsNonNegativeInt = (): PropertyDecorator =>
  ValidateBy({
    name: 'isNonNegativeInt',
    validator: { validate: (value: unknown) => isIntAbove(value, -1), defaultMessage: () => 'must be an integer >= 0' },
  });

export const IsPositiveInt = (): PropertyDecorator =>
  ValidateBy({
    name: 'isPositiveInt',
    validator: { validate: (value: unknown) => isIntAbove(value, 0), defaultMessage: () => 'must be an integer > 0' },
  });

export const IsInstant = (): PropertyDecorator =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseInstant(value) !== null,
      defaultMessage: () => 'not an ISO-8601 instant',
    },
  });

export const IsCalendarDate = (): PropertyDecorator =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseDate(value) !== null,
      defaultMessage: () => 'must be a valid YYYY-MM-DD date',
    },
  });

/** Why a metadata object breaks METADATA_LIMITS (naming the entry), or null. */
function metadataProblem(value: unknown): string | null {
  if (!isPlainObject(value) || !Object.values(value).every((v) => typeof v === 'string')) return 'must be an object of string values';
  const entries = Object.entries(value as Record<string, string>);
  const { entries: most, keyLength, valueLength, totalBytes } = METADATA_LIMITS;
  if (entries.length > most) return `at most ${most} entries (got ${entries.length})`;
  const longKey = entries.find(([key]) => key.length > keyLength);
  if (longKey) return `key "${longKey[0].slice(0, keyLength)}…" is longer than ${keyLength} characters`;
  const longValue = entries.find(([, v]) => v.length > valueLength);
  if (longValue) return `entry "${longValue[0]}" is longer than ${valueLength} characters (got ${longValue[1].length})`;
  const size = Buffer.byteLength(JSON.stringify(value));
  return size > totalBytes ? `at most ${totalBytes} bytes in total as JSON (got ${size})` : null;
}

export const IsStringRecord = (): PropertyDecorator =>
  ValidateBy({
    name: 'isStringRecord',
    validator: {
      validate: (value: unknown) => metadataProblem(value) === null,
      defaultMessage: (args) => metadataProblem(args?.value) ?? 'must be an object of string values',
    },
  });
