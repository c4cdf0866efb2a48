import { IsCustomerId } from '../field.validators.js';

export class ReferralRecordedDto {
  @IsCustomerId() referredCustomerId!: string;
}
