import type { StreamingRead } from '@eventstore/db-client';

export class EsdbReadTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`EventStoreDB read received nothing for ${timeoutMs} ms; the call was cancelled`);
    this.name = 'EsdbReadTimeoutError';
  }
}

/**
 * Reads a client read to its end. Two things the client leaves to the caller:
 * - leaving a `for await` early destroys only the client's ReadStream; the gRPC call under it stays
 *   open (paused, its end unread) and `client.dispose()` waits for it forever. So every read here
 *   is consumed to the end (a failed read has ended its call already).
 * - reads are sent with an infinite deadline, so a stalled server hangs them. A read that receives
 *   nothing for `idleTimeoutMs` is cancelled and fails with EsdbReadTimeoutError. Cancelling is
 *   kept for that case only: the client answers a cancelled call by dropping the whole channel
 *   (and every call on it), which is right for a stalled server and wrong for anything else.
 */
export async function drainRead<T>(read: StreamingRead<T>, idleTimeoutMs: number): Promise<T[]> {
  const items: T[] = [];
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      void read.cancel();
      read.destroy(new EsdbReadTimeoutError(idleTimeoutMs));
    }, idleTimeoutMs);
  };
  arm();
  try {
    for await (const item of read) {
      arm();
      items.push(item as T);
    }
  } finally {
    clearTimeout(timer);
  }
  return items;
}
