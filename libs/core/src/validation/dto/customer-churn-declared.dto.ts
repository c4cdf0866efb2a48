import { CHURN_REASONS } from '../../../../domain/src/events/event-types.js';
import type { ChurnReason } from '../../../../domain/src/events/event-types.js';
import { IsOneOf } from '../field.validators.js';

export class CustomerChurnDeclaredDto {
  @IsOneOf(CHURN_REASONS) reason!: ChurnReason;
}
