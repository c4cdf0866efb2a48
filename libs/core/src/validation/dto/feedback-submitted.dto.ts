import { IsOptional } from 'class-validator';
import { FEEDBACK_KINDS } from '../../../../domain/src/events/event-types.js';
import type { FeedbackKind } from '../../../../domain/src/events/event-types.js';
import { IsScoreForKind } from '../feedback-score.validator.js';
import { IsNonEmptyString, MAX_TEXT_LENGTH, IsOneOf } from '../field.validators.js';

export class FeedbackSubmittedDto {
  @IsNonEmptyString() feedbackId!: string;
  @IsOneOf(FEEDBACK_KINDS) kind!: FeedbackKind;
  @IsScoreForKind() score?: number;
  @IsOptional() @IsNonEmptyString() orderId?: string;
  @IsOptional() @IsNonEmptyString(MAX_TEXT_LENGTH) comment?: string;
}
