/** The webhook subscriptions store (a WebhookStore). */
export const WEBHOOK_STORE = Symbol('WEBHOOK_STORE');
