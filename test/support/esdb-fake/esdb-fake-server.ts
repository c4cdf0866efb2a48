import { Server, ServerCredentials, status as GrpcStatus, type ServerWritableStream } from '@grpc/grpc-js';
import { appendHandler, batchAppendHandler, type AppendLatency } from './append-handlers.js';
import { FakeLog, MAX_APPEND_SIZE } from './fake-log.js';
import { features, featuresService, streamsService } from './grpc-modules.js';
import { readHandler, type ReadFaults } from './read-handler.js';
import { callError } from './wire.js';

export interface EsdbFakeOptions {
  /** Advertise BatchAppend in ServerFeatures (as real servers >= 21.10 do); off makes the client use Append. */
  batchAppend?: boolean;
  maxAppendSize?: number;
  /** Write a system event ($statsCollected) after every n-th append; 0 = never (default 5). */
  systemEventEvery?: number;
  /** Each append is written and answered this long after it arrived (default 0). */
  appendDelayMs?: number;
}

export interface EsdbFake {
  /** `esdb://127.0.0.1:<port>?tls=false` */
  connectionString: string;
  log: FakeLog;
  /** Ends every live subscription call with UNAVAILABLE, as a server restart or leader change does. */
  dropSubscriptions(): void;
  /** Holds every new read (not subscriptions) without an answer until called with false. */
  stallReads(stalled: boolean): void;
  /** Shuts the listener down (connections are refused) until `acceptConnections`. */
  refuseConnections(): Promise<void>;
  acceptConnections(): Promise<void>;
  /** Calls served per method name since start. */
  calls: Map<string, number>;
  /** Appends held at once, at most (with appendDelayMs). */
  appendLatency: AppendLatency;
  stop(): Promise<void>;
}

/**
 * A protocol-level EventStoreDB for tests: an in-process gRPC server built from the client's own
 * generated service definitions, serving Streams.Read (streams, $all, catch-up subscriptions),
 * Streams.Append, Streams.BatchAppend and ServerFeatures, over plain HTTP/2 on 127.0.0.1.
 */
export async function startEsdbFake(options: EsdbFakeOptions = {}): Promise<EsdbFake> {
  const log = new FakeLog({ maxAppendSize: options.maxAppendSize ?? MAX_APPEND_SIZE, systemEventEvery: options.systemEventEvery ?? 5 });
  const faults: ReadFaults = { stallReads: false, subscriptions: new Set() };
  const calls = new Map<string, number>();
  const appendLatency: AppendLatency = { delayMs: options.appendDelayMs ?? 0, inFlight: 0, maxInFlight: 0 };
  const counted = <A extends unknown[]>(name: string, handler: (...args: A) => void) => (...args: A) => {
    calls.set(name, (calls.get(name) ?? 0) + 1);
    handler(...args);
  };
  const supported = [
    ['event_store.client.streams.Streams', 'Read'],
    ['event_store.client.streams.Streams', 'Append'],
    ...(options.batchAppend === false ? [] : [['event_store.client.streams.Streams', 'BatchAppend']]),
    ['event_store.client.server_features.ServerFeatures', 'GetSupportedMethods'],
  ];
  const implementation = {
    streams: {
      read: counted('read', readHandler(log, faults)),
      append: counted('append', appendHandler(log, appendLatency)),
      batchAppend: counted('batchAppend', batchAppendHandler(log, appendLatency)),
      delete: (_call: unknown, callback: (error: unknown) => void) => callback(callError(GrpcStatus.UNIMPLEMENTED, 'not in the fake')),
      tombstone: (_call: unknown, callback: (error: unknown) => void) => callback(callError(GrpcStatus.UNIMPLEMENTED, 'not in the fake')),
    },
    features: {
      getSupportedMethods: counted('getSupportedMethods', (_call: unknown, callback: (error: null, value: unknown) => void) => {
        const methods = new features.SupportedMethods();
        methods.setEventStoreServerVersion('23.10.1-fake');
        methods.setMethodsList(
          supported.map(([service, method]) => {
            const entry = new features.SupportedMethod();
            entry.setServiceName(service!.toLowerCase());
            entry.setMethodName(method!.toLowerCase());
            return entry;
          }),
        );
        callback(null, methods);
      }),
    },
  };

  let server: Server | undefined;
  let port = 0;
  const listen = async (): Promise<void> => {
    const next = new Server();
    next.addService(streamsService as never, implementation.streams as never);
    next.addService(featuresService as never, implementation.features as never);
    port = await new Promise<number>((resolve, reject) =>
      next.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    server = next;
  };
  const shutdown = async (): Promise<void> => {
    const current = server;
    server = undefined;
    for (const call of faults.subscriptions) call.emit('error', callError(GrpcStatus.UNAVAILABLE, 'server shutting down'));
    faults.subscriptions.clear();
    current?.forceShutdown();
  };
  await listen();

  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    log,
    calls,
    appendLatency,
    dropSubscriptions() {
      const live = [...faults.subscriptions] as ServerWritableStream<unknown, unknown>[];
      faults.subscriptions.clear();
      for (const call of live) call.emit('error', callError(GrpcStatus.UNAVAILABLE, 'subscription dropped by the fake'));
    },
    stallReads(stalled) {
      faults.stallReads = stalled;
    },
    refuseConnections: shutdown,
    acceptConnections: listen,
    stop: async () => {
      faults.stallReads = false;
      await shutdown();
    },
  };
}
