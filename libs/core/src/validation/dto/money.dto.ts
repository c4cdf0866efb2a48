import { IsCurrencyCode } from '../field.validators.js';
import { IsBaseAmount, IsMinorAmount } from '../money.validators.js';

export class MoneyDto {
  @IsMinorAmount() amountMinor!: number;
  @IsCurrencyCode() currency!: string;
  @IsBaseAmount() baseAmountMinor?: number;
}
