import { ConfigError, loadConfig } from './app-config.js';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('configuration errors', () => {
  it('are one line per variable, the most telling constraint', () => {
    expect(problemsOf({ PORT: 'abc' })).toEqual(['PORT: PORT must be an integer number (got "abc")']);
    expect(problemsOf({ PORT: '70000' })).toEqual(['PORT: PORT must not be greater than 65535 (got 70000)']);
    expect(problemsOf({ BASE_CURRENCY: 'usd' })).toEqual(['BASE_CURRENCY: BASE_CURRENCY must be an ISO-4217 code such as USD (got "usd")']);
    expect(problemsOf({ LOG_FORMAT: 'xml', READY_MAX_LAG_EVENTS: '-1', METRICS_PORT: 'x' }).map((p) => p.split(':')[0])).toEqual(['READY_MAX_LAG_EVENTS', 'METRICS_PORT', 'LOG_FORMAT']);
  });

  it('reads the operations settings', () => {
    expect(loadConfig({ READY_MAX_LAG_EVENTS: '5', METRICS_PORT: '9100' })).toMatchObject({ readyMaxLagEvents: 5, metricsPort: 9100 });
    expect(loadConfig({})).toMatchObject({ readyMaxLagEvents: 10_000, metricsPort: 9464 });
  });
});
