/** Delivery settings, from WEBHOOK_* variables (every one checked at start). */
export interface WebhookConfig {
  /** Events per POST at most. */
  batchSize: number;
  /** A receiver that has not answered by then counts as failed. */
  timeoutMs: number;
  /** Consecutive failed attempts of a batch after which the subscription is paused. */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** How often an idle subscription looks for new transitions. */
  pollMs: number;
}

const SETTINGS: Array<[keyof WebhookConfig, string, number, number, number]> = [
  ['batchSize', 'WEBHOOK_BATCH_SIZE', 100, 1, 1000],
  ['timeoutMs', 'WEBHOOK_TIMEOUT_MS', 10_000, 10, 120_000],
  ['maxAttempts', 'WEBHOOK_MAX_ATTEMPTS', 12, 1, 1000],
  ['backoffBaseMs', 'WEBHOOK_BACKOFF_BASE_MS', 500, 1, 3_600_000],
  ['backoffMaxMs', 'WEBHOOK_BACKOFF_MAX_MS', 300_000, 1, 86_400_000],
  ['pollMs', 'WEBHOOK_POLL_MS', 25, 1, 60_000],
];

/** Reads the WEBHOOK_* variables; pushes a problem naming each bad one. */
export function loadWebhookConfig(env: NodeJS.ProcessEnv, problems: string[]): WebhookConfig {
  const config = {} as WebhookConfig;
  for (const [key, variable, fallback, min, max] of SETTINGS) {
    const raw = env[variable];
    if (raw === undefined || raw === '') {
      config[key] = fallback;
      continue;
    }
    const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!(value >= min && value <= max)) problems.push(`${variable}: must be an integer ${min}-${max} (got ${JSON.stringify(raw)})`);
    config[key] = Number.isNaN(value) ? fallback : value;
  }
  if (config.backoffMaxMs < config.backoffBaseMs) problems.push('WEBHOOK_BACKOFF_MAX_MS: must be at least WEBHOOK_BACKOFF_BASE_MS');
  return config;
}

/**
 * Capped exponential backoff with jitter: attempt n waits between half and all of
 * min(max, base·2^(n−1)), so that receivers coming back are not hit by every sender at once.
 */
export function retryDelay(attempt: number, config: Pick<WebhookConfig, 'backoffBaseMs' | 'backoffMaxMs'>, random: () => number = Math.random): number {
  const ceiling = Math.min(config.backoffMaxMs, config.backoffBaseMs * 2 ** Math.min(attempt - 1, 40));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
