import { EventStoreDBClient } from '@eventstore/db-client';
import { ConfigError, loadConfig } from './app-config.js';

const problemsOf = (value: string): string[] => {
  try {
    loadConfig({ EVENTSTORE_CONNECTION_STRING: value });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('EVENTSTORE_CONNECTION_STRING accepts what @eventstore/db-client accepts', () => {
  it.each(['esdb://localhost:2113?tls=false', 'esdb+discover://admin:changeit@cluster.local:2113', 'esdb://a:2113,b:2113?nodePreference=leader'])(
    'accepts %s, which the client parses',
    (value) => {
      expect(() => EventStoreDBClient.connectionString(value)).not.toThrow();
      expect(loadConfig({ EVENTSTORE_CONNECTION_STRING: value }).eventStoreConnectionString).toBe(value);
    },
  );

  it.each(['kurrentdb://localhost:2113?tls=false', 'kdb://localhost:2113', 'esdb://localhost:notaport', 'esdb://localhost:2113?tls=maybe', 'http://localhost:2113'])(
    'rejects %s at start, naming the variable, as the client would',
    (value) => {
      expect(() => EventStoreDBClient.connectionString(value)).toThrow();
      const problems = problemsOf(value);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^EVENTSTORE_CONNECTION_STRING: /);
    },
  );
});
