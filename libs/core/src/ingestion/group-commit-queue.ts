import type { SubmitSession } from './append-with-retry.js';
import type { Candidate, IngestionResult } from './ingestion-result.js';
import { Mutex } from './mutex.js';

/**
 * How a submission is appended:
 * - `grouped` (concurrent HTTP requests): the submissions that arrive while the previous round
 *   holds the log are decided together in arrival order and appended in one round;
 * - `serial` (the importer, a session with a clock mode or metadata of its own): on its own.
 */
export type SubmitOptions = { mode?: 'grouped' } | ({ mode: 'serial' } & SubmitSession);

/** Most candidates appended together by a group commit (a POST /events batch holds up to 1,000). */
export const GROUP_LIMIT = 1000;

export interface GroupCommitQueue {
  submit(candidates: Candidate[], options?: SubmitOptions): Promise<IngestionResult[]>;
  /** Runs a section alone, in turn with the rounds (e.g. a clock advance). */
  exclusive<T>(section: () => Promise<T>): Promise<T>;
}

interface Waiting {
  candidates: Candidate[];
  resolve: (results: IngestionResult[]) => void;
  reject: (error: unknown) => void;
}

/** One round at a time over `append`; grouped submissions share a round, each answered with its own slice. */
export function createGroupCommitQueue(
  append: (candidates: Candidate[], session: SubmitSession) => Promise<IngestionResult[]>,
  limit = GROUP_LIMIT,
): GroupCommitQueue {
  const mutex = new Mutex();
  let waiting: Waiting[] = [];

  const runGroup = async (): Promise<void> => {
    let size = 0;
    let taken = 0;
    while (taken < waiting.length && (taken === 0 || size + waiting[taken]!.candidates.length <= limit)) {
      size += waiting[taken]!.candidates.length;
      taken += 1;
    }
    const group = waiting.slice(0, taken);
    waiting = waiting.slice(taken);
    if (waiting.length > 0) void mutex.run(runGroup);
    try {
      const results = await append(group.length === 1 ? group[0]!.candidates : group.flatMap((g) => g.candidates), {});
      let offset = 0;
      for (const g of group) {
        g.resolve(results.slice(offset, offset + g.candidates.length));
        offset += g.candidates.length;
      }
    } catch (error) {
      for (const g of group) g.reject(error);
    }
  };

  return {
    submit(candidates, options = {}) {
      if (options.mode === 'serial') {
        const { mode: _mode, ...session } = options;
        return mutex.run(() => append(candidates, session));
      }
      return new Promise<IngestionResult[]>((resolve, reject) => {
        waiting.push({ candidates, resolve, reject });
        // After the I/O phase, so the requests that arrived in this turn of the event loop join.
        if (waiting.length === 1) setImmediate(() => void mutex.run(runGroup));
      });
    },
    exclusive: (section) => mutex.run(section),
  };
}
