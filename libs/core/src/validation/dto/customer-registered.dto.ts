import { IsOptional } from 'class-validator';
import { CUSTOMER_KINDS, CUSTOMER_RELATIONS } from '../../../../domain/src/events/event-types.js';
import type { CustomerKind, CustomerRelation } from '../../../../domain/src/events/event-types.js';
import { IsNonEmptyString, IsOneOf } from '../field.validators.js';

export class CustomerRegisteredDto {
  @IsOneOf(CUSTOMER_KINDS) kind!: CustomerKind;
  @IsOneOf(CUSTOMER_RELATIONS) relation!: CustomerRelation;
  @IsOptional() @IsNonEmptyString() displayName?: string;
  @IsOptional() @IsNonEmptyString() country?: string;
  @IsOptional() @IsNonEmptyString() acquisitionChannel?: string;
}
