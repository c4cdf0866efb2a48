import { IsCalendarDate } from '../field.validators.js';

export class DayEndedDto {
  @IsCalendarDate() date!: string;
}
