import { IsOptional } from 'class-validator';
import { SALES_CHANNELS } from '../../../../domain/src/events/event-types.js';
import type { SalesChannel } from '../../../../domain/src/events/event-types.js';
import { IsNonEmptyString, IsOneOf } from '../field.validators.js';
import { NestedArray, NestedObject } from '../nested.validators.js';
import { MoneyDto } from './money.dto.js';
import { PurchaseLineDto } from './purchase-line.dto.js';

export class PurchaseCompletedDto {
  @IsNonEmptyString() orderId!: string;
  @NestedObject(() => MoneyDto) total!: MoneyDto;
  @IsOptional() @NestedArray(() => PurchaseLineDto) lines?: PurchaseLineDto[];
  @IsOneOf(SALES_CHANNELS) salesChannel!: SalesChannel;
  @IsOptional() @IsNonEmptyString() referredBy?: string;
}
