import {
  type AppendRequest,
  type AppendResult,
  type EventStore,
  WrongExpectedRevisionError,
} from './event-store.port.js';

export type CallOutcomes = Array<Array<AppendResult | WrongExpectedRevisionError>>;

/**
 * Tracks which streams `appendCalls` leaves out: a stream whose request conflicted, was left
 * out or was answered with a duplicate (another writer stored those events, with other hashes,
 * so requests planned on top of them would fork the chain); everything once the barrier failed.
 */
export function createCallSkips(barrier: string | undefined) {
  const failed = new Set<string>();
  let stopped = false;
  return {
    skips: (request: AppendRequest): boolean => stopped || failed.has(request.streamId),
    /** Records a call's outcomes; applies from the next call on. */
    record(call: readonly AppendRequest[], outcomes: ReadonlyArray<AppendResult | WrongExpectedRevisionError>): void {
      call.forEach((request, i) => {
        const outcome = outcomes[i]!;
        if (outcome instanceof WrongExpectedRevisionError || outcome.events.some((e) => e.status === 'duplicate')) {
          failed.add(request.streamId);
          if (request.streamId === barrier) stopped = true;
        }
      });
    },
  };
}

/** `appendCalls` for any store, through its appendMany: one call after the other. */
export async function appendCallsInTurn(store: EventStore, calls: AppendRequest[][], barrier?: string): Promise<CallOutcomes> {
  const skips = createCallSkips(barrier);
  const all: CallOutcomes = [];
  for (const call of calls) {
    const sent = call.filter((request) => !skips.skips(request));
    const answers = sent.length > 0 ? await store.appendMany(sent) : [];
    const outcomes: Array<AppendResult | WrongExpectedRevisionError> = [];
    let next = 0;
    for (const request of call) {
      if (sent[next] === request) outcomes.push(answers[next++]!);
      else {
        const actual = await store.streamRevision(request.streamId);
        outcomes.push(new WrongExpectedRevisionError(request.streamId, request.expectedRevision, actual));
      }
    }
    skips.record(call, outcomes);
    all.push(outcomes);
  }
  return all;
}
