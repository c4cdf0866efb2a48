import { IsOptional } from 'class-validator';
import { IsNonEmptyString, IsNonNegativeInt, IsPositiveInt } from '../field.validators.js';

export class PurchaseLineDto {
  @IsNonEmptyString() sku!: string;
  @IsOptional() @IsNonEmptyString() category?: string;
  @IsPositiveInt() quantity!: number;
  @IsNonNegativeInt() unitPriceMinor!: number;
}
