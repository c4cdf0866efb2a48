import { BUSINESS_EVENT_TYPES } from '../../../../domain/src/events/event-types.js';
import type { LifecycleEvent } from '../../../../domain/src/events/event-types.js';
import { CustomerChurnDeclaredDto } from './customer-churn-declared.dto.js';
import { CustomerRegisteredDto } from './customer-registered.dto.js';
import { DayEndedDto } from './day-ended.dto.js';
import { FeedbackSubmittedDto } from './feedback-submitted.dto.js';
import { InteractionRecordedDto } from './interaction-recorded.dto.js';
import { PurchaseCompletedDto } from './purchase-completed.dto.js';
import { PurchaseRefundedDto } from './purchase-refunded.dto.js';
import { ReferralRecordedDto } from './referral-recorded.dto.js';

export type EventType = LifecycleEvent['type'];

export const EVENT_TYPES: readonly EventType[] = [...BUSINESS_EVENT_TYPES, 'DayEnded'];

const DATA_DTO_BY_TYPE: Readonly<Record<EventType, new () => object>> = {
  CustomerRegistered: CustomerRegisteredDto,
  PurchaseCompleted: PurchaseCompletedDto,
  PurchaseRefunded: PurchaseRefundedDto,
  InteractionRecorded: InteractionRecordedDto,
  FeedbackSubmitted: FeedbackSubmittedDto,
  ReferralRecorded: ReferralRecordedDto,
  CustomerChurnDeclared: CustomerChurnDeclaredDto,
  DayEnded: DayEndedDto,
};

export const isEventType = (type: unknown): type is EventType =>
  typeof type === 'string' && Object.hasOwn(DATA_DTO_BY_TYPE, type);

/** The data DTO of an event type; a placeholder when the type is invalid (data is then not validated). */
export const dataDtoFor = (type: unknown): new () => object => (isEventType(type) ? DATA_DTO_BY_TYPE[type] : Object);
