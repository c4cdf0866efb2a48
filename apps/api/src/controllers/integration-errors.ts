import { IntegrationRequestError, WebhookNotFoundError } from '@lifecycle/core';
import { ApiError } from '../http/api-error.js';

/** The feed's and the webhooks' own errors in the API's error shape; anything else is rethrown. */
export function toIntegrationApiError(error: unknown): unknown {
  if (error instanceof IntegrationRequestError) return new ApiError(400, 'INVALID_REQUEST', error.message, error.errors);
  if (error instanceof WebhookNotFoundError) return new ApiError(404, 'WEBHOOK_NOT_FOUND', error.message);
  return error;
}

export async function mappingIntegrationErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toIntegrationApiError(error);
  }
}
