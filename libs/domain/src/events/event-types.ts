/** The events of the lifecycle specification, section 2. */

export const CUSTOMER_KINDS = ['CONSUMER', 'BUSINESS'] as const;
export const CUSTOMER_RELATIONS = ['END_CUSTOMER', 'CHANNEL', 'INTERNAL', 'PUBLIC'] as const;
export const SALES_CHANNELS = ['DIRECT', 'ONLINE', 'STORE', 'PARTNER'] as const;
export const REFUND_REASONS = ['RETURN', 'CANCEL', 'GOODWILL'] as const;
export const INTERACTION_CHANNELS = ['PHONE', 'EMAIL', 'CHAT', 'SOCIAL', 'VISIT', 'WEB', 'STORE'] as const;
export const INTERACTION_DIRECTIONS = ['INBOUND', 'OUTBOUND'] as const;
export const INTERACTION_INTENTS = [
  'NONE', 'INQUIRY', 'QUOTE_REQUEST', 'DEMO', 'COMPLAINT', 'SUPPORT', 'FOLLOW_UP', 'MARKETING',
] as const;
export const CONTACT_ROLES = ['BUYER', 'USER', 'DECISION_MAKER', 'INFLUENCER', 'PROMOTER'] as const;
export const FEEDBACK_KINDS = ['NPS', 'CSAT', 'REVIEW', 'COMPLAINT'] as const;
export const CHURN_REASONS = ['CONTRACT_ENDED', 'ACCOUNT_CLOSED', 'MANUAL'] as const;

export type CustomerKind = (typeof CUSTOMER_KINDS)[number];
export type CustomerRelation = (typeof CUSTOMER_RELATIONS)[number];
export type SalesChannel = (typeof SALES_CHANNELS)[number];
export type RefundReason = (typeof REFUND_REASONS)[number];
export type InteractionChannel = (typeof INTERACTION_CHANNELS)[number];
export type InteractionDirection = (typeof INTERACTION_DIRECTIONS)[number];
export type InteractionIntent = (typeof INTERACTION_INTENTS)[number];
export type ContactRole = (typeof CONTACT_ROLES)[number];
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
export type ChurnReason = (typeof CHURN_REASONS)[number];

/** Integer minor units; `baseAmountMinor` is required when `currency` is not the base currency. */
export interface Money {
  amountMinor: number;
  currency: string;
  baseAmountMinor?: number;
}

export interface CustomerRegisteredData {
  kind: CustomerKind;
  relation: CustomerRelation;
  displayName?: string;
  country?: string;
  acquisitionChannel?: string;
}

export interface PurchaseLine {
  sku: string;
  category?: string;
  quantity: number;
  unitPriceMinor: number;
}

export interface PurchaseCompletedData {
  orderId: string;
  total: Money;
  lines?: PurchaseLine[];
  salesChannel: SalesChannel;
  referredBy?: string;
}

export interface PurchaseRefundedData {
  refundId: string;
  orderId?: string;
  amount: Money;
  reason: RefundReason;
}

export interface InteractionRecordedData {
  interactionId: string;
  channel: InteractionChannel;
  direction: InteractionDirection;
  intent: InteractionIntent;
  contactRole?: ContactRole;
  note?: string;
}

export interface FeedbackSubmittedData {
  feedbackId: string;
  kind: FeedbackKind;
  score?: number;
  orderId?: string;
  comment?: string;
}

export interface ReferralRecordedData {
  referredCustomerId: string;
}

export interface CustomerChurnDeclaredData {
  reason: ChurnReason;
}

export interface DayEndedData {
  date: string;
}

export interface BusinessEventDataMap {
  CustomerRegistered: CustomerRegisteredData;
  PurchaseCompleted: PurchaseCompletedData;
  PurchaseRefunded: PurchaseRefundedData;
  InteractionRecorded: InteractionRecordedData;
  FeedbackSubmitted: FeedbackSubmittedData;
  ReferralRecorded: ReferralRecordedData;
  CustomerChurnDeclared: CustomerChurnDeclaredData;
}

export type BusinessEventType = keyof BusinessEventDataMap;
export const BUSINESS_EVENT_TYPES = [
  'CustomerRegistered', 'PurchaseCompleted', 'PurchaseRefunded', 'InteractionRecorded',
  'FeedbackSubmitted', 'ReferralRecorded', 'CustomerChurnDeclared',
] as const satisfies readonly BusinessEventType[];

/** A validated business event: `occurredAt` is the normalised ISO instant (ms, Z). */
export type BusinessEvent = {
  [K in BusinessEventType]: {
    eventId: string;
    type: K;
    customerId: string;
    occurredAt: string;
    data: BusinessEventDataMap[K];
    metadata?: Record<string, string>;
  };
}[BusinessEventType];

export interface DayEndedEvent {
  eventId: string;
  type: 'DayEnded';
  occurredAt: string;
  data: DayEndedData;
  metadata?: Record<string, string>;
}

export type LifecycleEvent = BusinessEvent | DayEndedEvent;

export const isDayEnded = (event: LifecycleEvent): event is DayEndedEvent => event.type === 'DayEnded';

export type EventOf<K extends BusinessEventType> = Extract<BusinessEvent, { type: K }>;
