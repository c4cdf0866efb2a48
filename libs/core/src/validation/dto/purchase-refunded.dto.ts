import { IsOptional } from 'class-validator';
import { REFUND_REASONS } from '../../../../domain/src/events/event-types.js';
import type { RefundReason } from '../../../../domain/src/events/event-types.js';
import { IsNonEmptyString, IsOneOf } from '../field.validators.js';
import { NestedObject } from '../nested.validators.js';
import { RefundAmountDto } from './refund-amount.dto.js';

export class PurchaseRefundedDto {
  @IsNonEmptyString() refundId!: string;
  @IsOptional() @IsNonEmptyString() orderId?: string;
  @NestedObject(() => RefundAmountDto) amount!: RefundAmountDto;
  @IsOneOf(REFUND_REASONS) reason!: RefundReason;
}
