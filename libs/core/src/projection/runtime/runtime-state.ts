/**
 * The projection runtime of one process as one state machine with two regions: the live
 * projector (its subscription on the served version) and the served version (rebuild, switch,
 * following another process's switch). Pure: the runtime dispatches what happened and acts on the
 * state it gets back. An event that does not apply returns the same state object (see `accepts`).
 */

export type ProjectorPhase =
  /** Not projecting in this process: not started, paused around a switch, or another process projects. */
  | { kind: 'idle' }
  /** Subscribed, behind the head. */
  | { kind: 'catching-up' }
  /** Subscribed and caught up with the head. */
  | { kind: 'live' }
  /** Subscribed; a batch keeps failing and is retried as it is, with backoff. */
  | { kind: 'retrying' }
  /** The subscription failed; a restart from the stored checkpoint is scheduled. */
  | { kind: 'restarting' }
  /** A restart found a read model of other rules: no projecting until a successful start. */
  | { kind: 'halted'; error: string }
  /** The process shuts down; final. */
  | { kind: 'stopped' };

export type VersionPhase =
  /** One version served, nothing running. */
  | { kind: 'serving' }
  /** A new version is built from position 0 while the served one answers. */
  | { kind: 'rebuilding' }
  /** The live projector is paused; the new version catches up the tail and becomes the served one. */
  | { kind: 'switching' }
  /** Switched; the old version is kept a grace period, then dropped. */
  | { kind: 'dropping-old' }
  /** Switching to the version another process made the served one. */
  | { kind: 'following' }
  /** The process shuts down: a running rebuild abandons at its next batch. Final. */
  | { kind: 'stopped' };

export interface RuntimeState {
  projector: ProjectorPhase;
  versions: VersionPhase;
  /** Bumped whenever the subscription is replaced or dropped; events of an older one are ignored. */
  generation: number;
}

/** Events of the subscription carry the generation they were started with. */
export type RuntimeEvent =
  | { type: 'subscribed' }
  | { type: 'caught-up'; generation: number }
  | { type: 'batch-failed'; generation: number }
  | { type: 'batch-succeeded'; generation: number }
  | { type: 'subscription-failed'; generation: number }
  | { type: 'restart-refused'; generation: number; error: string }
  | { type: 'paused' }
  | { type: 'rebuild-requested' }
  | { type: 'rebuild-built' }
  | { type: 'rebuild-switched' }
  | { type: 'rebuild-ended' }
  | { type: 'follow-started' }
  | { type: 'follow-ended' }
  /** Each region stops on its own, as each service shuts down. */
  | { type: 'shutdown'; part: 'projector' | 'versions' };

export const initialRuntimeState: RuntimeState = { projector: { kind: 'idle' }, versions: { kind: 'serving' }, generation: 0 };

type ProjectorKind = ProjectorPhase['kind'];
type VersionKind = VersionPhase['kind'];

export function transition(state: RuntimeState, event: RuntimeEvent): RuntimeState {
  const { projector, versions } = state;
  const from = (...kinds: ProjectorKind[]) => kinds.includes(projector.kind);
  const current = 'generation' in event && event.generation === state.generation;
  const to = (next: ProjectorPhase, generation = state.generation): RuntimeState => ({ ...state, projector: next, generation });
  const toVersions = (allowed: VersionKind[], next: VersionPhase): RuntimeState =>
    allowed.includes(versions.kind) ? { ...state, versions: next } : state;

  switch (event.type) {
    case 'subscribed':
      return from('idle', 'restarting', 'halted') ? to({ kind: 'catching-up' }, state.generation + 1) : state;
    case 'caught-up':
      return current && from('catching-up') ? to({ kind: 'live' }) : state;
    case 'batch-failed':
      return current && from('catching-up', 'live') ? to({ kind: 'retrying' }) : state;
    case 'batch-succeeded':
      // Caught up again once the subscription says so, or the runtime sees no lag.
      return current && from('retrying') ? to({ kind: 'catching-up' }) : state;
    case 'subscription-failed':
      return current && from('catching-up', 'live', 'retrying', 'restarting') ? to({ kind: 'restarting' }) : state;
    case 'restart-refused':
      return current && from('restarting') ? to({ kind: 'halted', error: event.error }) : state;
    case 'paused':
      // A halted projector keeps its error until it starts again.
      return from('stopped', 'halted') ? state : to({ kind: 'idle' }, state.generation + 1);
    case 'shutdown':
      if (event.part === 'versions') return versions.kind === 'stopped' ? state : { ...state, versions: { kind: 'stopped' } };
      return from('stopped') ? state : to({ kind: 'stopped' }, state.generation + 1);
    case 'rebuild-requested':
      return toVersions(['serving'], { kind: 'rebuilding' });
    case 'rebuild-built':
      return toVersions(['rebuilding'], { kind: 'switching' });
    case 'rebuild-switched':
      return toVersions(['switching'], { kind: 'dropping-old' });
    case 'rebuild-ended':
      return toVersions(['rebuilding', 'switching', 'dropping-old'], { kind: 'serving' });
    case 'follow-started':
      return toVersions(['serving'], { kind: 'following' });
    case 'follow-ended':
      return toVersions(['following'], { kind: 'serving' });
  }
}

/** Whether `event` changes `state` (false: refused or stale). */
export const accepts = (state: RuntimeState, event: RuntimeEvent): boolean => transition(state, event) !== state;

/** A subscription exists (it may be retrying a batch). */
export const isSubscribed = ({ projector }: RuntimeState): boolean => ['catching-up', 'live', 'retrying'].includes(projector.kind);
/** This process projects, or will again by itself after a scheduled restart. */
export const isProjecting = (state: RuntimeState): boolean => isSubscribed(state) || state.projector.kind === 'restarting';
/** Projecting without a failure. */
export const isHealthy = ({ projector }: RuntimeState): boolean => projector.kind === 'catching-up' || projector.kind === 'live';
export const haltedError = ({ projector }: RuntimeState): string | null => (projector.kind === 'halted' ? projector.error : null);
/** A rebuild of this process runs (a second one is refused). */
export const isRebuilding = ({ versions }: RuntimeState): boolean => ['rebuilding', 'switching', 'dropping-old'].includes(versions.kind);
/** The process shuts down: a running rebuild abandons. */
export const isShuttingDown = ({ versions }: RuntimeState): boolean => versions.kind === 'stopped';

/** Holds the state of one process's runtime; `dispatch` answers whether the event applied. */
export interface RuntimeMachine {
  readonly state: RuntimeState;
  dispatch(event: RuntimeEvent): boolean;
}

export function createRuntimeMachine(onTransition?: (from: RuntimeState, to: RuntimeState, event: RuntimeEvent) => void): RuntimeMachine {
  let state = initialRuntimeState;
  return {
    get state() {
      return state;
    },
    dispatch(event) {
      const next = transition(state, event);
      if (next === state) return false;
      const previous = state;
      state = next;
      onTransition?.(previous, next, event);
      return true;
    },
  };
}
