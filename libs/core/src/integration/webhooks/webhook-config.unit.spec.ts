import { loadWebhookConfig, retryDelay } from './webhook-config.js';

describe('webhook settings', () => {
  it('has defaults, reads every WEBHOOK_* variable, and names each bad one', () => {
    const problems: string[] = [];
    expect(loadWebhookConfig({}, problems)).toEqual({ batchSize: 100, timeoutMs: 10_000, maxAttempts: 12, backoffBaseMs: 500, backoffMaxMs: 300_000, pollMs: 25 });
    expect(loadWebhookConfig({ WEBHOOK_BATCH_SIZE: '7', WEBHOOK_POLL_MS: '5' }, problems)).toMatchObject({ batchSize: 7, pollMs: 5 });
    expect(problems).toEqual([]);
    loadWebhookConfig({ WEBHOOK_BATCH_SIZE: '0', WEBHOOK_TIMEOUT_MS: 'soon', WEBHOOK_BACKOFF_BASE_MS: '1000', WEBHOOK_BACKOFF_MAX_MS: '10' }, problems);
    expect(problems).toEqual([
      expect.stringMatching(/^WEBHOOK_BATCH_SIZE: /),
      expect.stringMatching(/^WEBHOOK_TIMEOUT_MS: /),
      expect.stringMatching(/^WEBHOOK_BACKOFF_MAX_MS: must be at least/),
    ]);
  });
});

describe('retry delay', () => {
  const config = { backoffBaseMs: 100, backoffMaxMs: 5_000 };

  it('doubles per attempt between half and all of the ceiling, capped', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, config, () => 0))).toEqual([50, 100, 200, 400]);
    expect([1, 2, 3, 4].map((n) => retryDelay(n, config, () => 1))).toEqual([100, 200, 400, 800]);
    expect(retryDelay(30, config, () => 1)).toBe(5_000);
    expect(retryDelay(1000, config, () => 0)).toBe(2_500);
  });

  it('spreads retries with its random source (jitter)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelay(5, config)));
    expect(delays.size).toBeGreaterThan(10);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(800);
  });
});
