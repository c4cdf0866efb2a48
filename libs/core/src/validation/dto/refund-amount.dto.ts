import { IsCurrencyCode } from '../field.validators.js';
import { IsBaseAmount, IsMinorAmount } from '../money.validators.js';

/** Money of a refund: > 0, in base units too. */
export class RefundAmountDto {
  @IsMinorAmount({ positive: true }) amountMinor!: number;
  @IsCurrencyCode() currency!: string;
  @IsBaseAmount({ positive: true }) baseAmountMinor?: number;
}
