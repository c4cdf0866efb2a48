import { EventStoreDBClient } from '@eventstore/db-client';

/**
 * Why @eventstore/db-client would refuse this connection string at start, or null when it accepts
 * it. The client's own parser decides (it throws a ParseError synchronously; creating the client
 * does not connect), so the configuration accepts exactly what the adapter can open: `esdb://` and
 * `esdb+discover://`, not the `kurrentdb://` of the newer KurrentDB client.
 */
export function esdbConnectionStringProblem(connectionString: string): string | null {
  try {
    void EventStoreDBClient.connectionString(connectionString);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0]! : String(error);
  }
}
