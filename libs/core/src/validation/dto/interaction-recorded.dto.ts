import { IsOptional } from 'class-validator';
import {
  CONTACT_ROLES, INTERACTION_CHANNELS, INTERACTION_DIRECTIONS, INTERACTION_INTENTS,
} from '../../../../domain/src/events/event-types.js';
import type {
  ContactRole, InteractionChannel, InteractionDirection, InteractionIntent,
} from '../../../../domain/src/events/event-types.js';
import { IsNonEmptyString, MAX_TEXT_LENGTH, IsOneOf } from '../field.validators.js';

export class InteractionRecordedDto {
  @IsNonEmptyString() interactionId!: string;
  @IsOneOf(INTERACTION_CHANNELS) channel!: InteractionChannel;
  @IsOneOf(INTERACTION_DIRECTIONS) direction!: InteractionDirection;
  @IsOneOf(INTERACTION_INTENTS) intent!: InteractionIntent;
  @IsOptional() @IsOneOf(CONTACT_ROLES) contactRole?: ContactRole;
  @IsOptional() @IsNonEmptyString(MAX_TEXT_LENGTH) note?: string;
}
