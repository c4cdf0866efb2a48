import { IsOptional, ValidateIf } from 'class-validator';
import { IsCustomerId, IsEventId, IsInstant, IsOneOf, IsStringRecord } from '../field.validators.js';
import { NestedObject } from '../nested.validators.js';
import { EVENT_TYPES, dataDtoFor, isEventType } from './data-dto-by-type.js';

/** Property order here is the order in which errors are reported. */
export class EventEnvelopeDto {
  @IsEventId() eventId!: string;
  @IsOneOf(EVENT_TYPES) type!: string;
  @ValidateIf((o: EventEnvelopeDto) => o.type !== 'DayEnded') @IsCustomerId() customerId?: string;
  @IsInstant() occurredAt!: string;
  @IsOptional() @IsStringRecord() metadata?: Record<string, string>;
  @ValidateIf((o: EventEnvelopeDto) => isEventType(o.type))
  @NestedObject((options) => dataDtoFor((options?.object as { type?: unknown } | undefined)?.type))
  data!: object;
}
