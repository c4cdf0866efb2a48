import {
  accepts, createRuntimeMachine, haltedError, initialRuntimeState, isHealthy, isProjecting, isRebuilding, isShuttingDown, isSubscribed,
  type RuntimeEvent, type RuntimeState, transition,
} from './runtime-state.js';

const run = (events: RuntimeEvent[], from: RuntimeState = initialRuntimeState): RuntimeState => events.reduce(transition, from);
const subscribed = (): RuntimeState => run([{ type: 'subscribed' }]);

describe('the projection runtime state machine', () => {
  it('starts idle and serving, not projecting', () => {
    expect(initialRuntimeState).toEqual({ projector: { kind: 'idle' }, versions: { kind: 'serving' }, generation: 0 });
    expect([isSubscribed, isProjecting, isHealthy, isRebuilding].map((is) => is(initialRuntimeState))).toEqual([false, false, false, false]);
  });

  it('catches up, goes live, retries a failing batch and catches up again after it succeeds', () => {
    const s = subscribed();
    expect(s).toMatchObject({ projector: { kind: 'catching-up' }, generation: 1 });
    const live = transition(s, { type: 'caught-up', generation: 1 });
    expect(live.projector.kind).toBe('live');
    const retrying = transition(live, { type: 'batch-failed', generation: 1 });
    expect(retrying.projector.kind).toBe('retrying');
    expect([isSubscribed(retrying), isHealthy(retrying), isProjecting(retrying)]).toEqual([true, false, true]);
    // Further failures of the same batch and a late caught-up change nothing.
    expect(accepts(retrying, { type: 'batch-failed', generation: 1 })).toBe(false);
    expect(accepts(retrying, { type: 'caught-up', generation: 1 })).toBe(false);
    const recovered = transition(retrying, { type: 'batch-succeeded', generation: 1 });
    expect(recovered.projector.kind).toBe('catching-up');
    // A successful batch while healthy is no transition.
    expect(accepts(live, { type: 'batch-succeeded', generation: 1 })).toBe(false);
  });

  it('restarts a failed subscription with a new generation and ignores the old one', () => {
    const restarting = run([{ type: 'subscription-failed', generation: 1 }], subscribed());
    expect(restarting.projector.kind).toBe('restarting');
    expect([isSubscribed(restarting), isProjecting(restarting), isHealthy(restarting)]).toEqual([false, true, false]);
    // A restart that fails again stays restarting (and is accepted, so it is scheduled again).
    expect(accepts(restarting, { type: 'subscription-failed', generation: 1 })).toBe(true);
    const again = transition(restarting, { type: 'subscribed' });
    expect(again).toMatchObject({ projector: { kind: 'catching-up' }, generation: 2 });
    for (const type of ['caught-up', 'batch-failed', 'subscription-failed'] as const) {
      expect(accepts(again, { type, generation: 1 })).toBe(false);
    }
  });

  it('halts on a restart that finds other rules, keeps the error over a pause, and clears it on the next start', () => {
    const halted = run([{ type: 'subscription-failed', generation: 1 }, { type: 'restart-refused', generation: 1, error: 'rules v2' }], subscribed());
    expect(halted.projector).toEqual({ kind: 'halted', error: 'rules v2' });
    expect(haltedError(halted)).toBe('rules v2');
    expect(isProjecting(halted)).toBe(false);
    expect(accepts(halted, { type: 'paused' })).toBe(false);
    const started = transition(halted, { type: 'subscribed' });
    expect(haltedError(started)).toBeNull();
    expect(started.projector.kind).toBe('catching-up');
  });

  it('refuses a second subscription while one exists', () => {
    const live = run([{ type: 'caught-up', generation: 1 }], subscribed());
    expect(accepts(live, { type: 'subscribed' })).toBe(false);
    expect(accepts(run([{ type: 'batch-failed', generation: 1 }], live), { type: 'subscribed' })).toBe(false);
  });

  it('pauses from any running phase into idle with a new generation, so late callbacks are ignored', () => {
    for (const events of [[], [{ type: 'caught-up', generation: 1 }], [{ type: 'batch-failed', generation: 1 }], [{ type: 'subscription-failed', generation: 1 }]] as RuntimeEvent[][]) {
      const paused = run([...events, { type: 'paused' }], subscribed());
      expect(paused).toMatchObject({ projector: { kind: 'idle' }, generation: 2 });
      expect(accepts(paused, { type: 'subscription-failed', generation: 1 })).toBe(false);
    }
  });

  it('runs one rebuild at a time: building, switching, dropping the old version, then serving again', () => {
    const building = transition(initialRuntimeState, { type: 'rebuild-requested' });
    expect(building.versions.kind).toBe('rebuilding');
    expect(isRebuilding(building)).toBe(true);
    expect(accepts(building, { type: 'rebuild-requested' })).toBe(false);
    const switching = transition(building, { type: 'rebuild-built' });
    expect(switching.versions.kind).toBe('switching');
    const dropping = transition(switching, { type: 'rebuild-switched' });
    expect(dropping.versions.kind).toBe('dropping-old');
    expect(accepts(dropping, { type: 'rebuild-requested' })).toBe(false);
    expect(transition(dropping, { type: 'rebuild-ended' }).versions.kind).toBe('serving');
    // A failed rebuild ends from any of its phases.
    expect(transition(switching, { type: 'rebuild-ended' }).versions.kind).toBe('serving');
    // Out of order steps are refused.
    expect(accepts(initialRuntimeState, { type: 'rebuild-switched' })).toBe(false);
    expect(accepts(building, { type: 'rebuild-switched' })).toBe(false);
  });

  it('the projector region and the version region change independently', () => {
    const s = run([{ type: 'rebuild-requested' }, { type: 'caught-up', generation: 1 }, { type: 'batch-failed', generation: 1 }], subscribed());
    expect(s).toMatchObject({ projector: { kind: 'retrying' }, versions: { kind: 'rebuilding' } });
    const paused = transition(transition(s, { type: 'rebuild-built' }), { type: 'paused' });
    expect(paused).toMatchObject({ projector: { kind: 'idle' }, versions: { kind: 'switching' } });
  });

  it('follows another process only while no rebuild runs, and refuses a rebuild while following', () => {
    expect(accepts(transition(initialRuntimeState, { type: 'rebuild-requested' }), { type: 'follow-started' })).toBe(false);
    const following = transition(initialRuntimeState, { type: 'follow-started' });
    expect(following.versions.kind).toBe('following');
    expect(accepts(following, { type: 'follow-started' })).toBe(false);
    expect(accepts(following, { type: 'rebuild-requested' })).toBe(false);
    expect(transition(following, { type: 'follow-ended' }).versions.kind).toBe('serving');
  });

  it('stops each region for good on shutdown: no subscription, rebuild or follow afterwards, and a running rebuild abandons', () => {
    const rebuilding = run([{ type: 'rebuild-requested' }], subscribed());
    const versionsStopped = transition(rebuilding, { type: 'shutdown', part: 'versions' });
    // The live projector keeps going until its own service stops it (it finishes its batch then).
    expect(versionsStopped).toMatchObject({ projector: { kind: 'catching-up' }, versions: { kind: 'stopped' }, generation: 1 });
    expect(isShuttingDown(versionsStopped)).toBe(true);
    expect(isShuttingDown(rebuilding)).toBe(false);
    const stopped = transition(versionsStopped, { type: 'shutdown', part: 'projector' });
    expect(stopped).toEqual({ projector: { kind: 'stopped' }, versions: { kind: 'stopped' }, generation: 2 });
    const events: RuntimeEvent[] = [
      { type: 'subscribed' }, { type: 'paused' }, { type: 'shutdown', part: 'projector' }, { type: 'shutdown', part: 'versions' },
      { type: 'rebuild-requested' }, { type: 'rebuild-built' }, { type: 'rebuild-ended' }, { type: 'follow-started' },
    ];
    for (const event of events) expect(accepts(stopped, event)).toBe(false);
  });

  it('a machine keeps the state, reports each transition and answers whether an event applied', () => {
    const seen: string[] = [];
    const machine = createRuntimeMachine((from, to, event) => seen.push(`${from.projector.kind} -${event.type}-> ${to.projector.kind}`));
    expect(machine.dispatch({ type: 'subscribed' })).toBe(true);
    expect(machine.dispatch({ type: 'subscribed' })).toBe(false);
    expect(machine.dispatch({ type: 'caught-up', generation: machine.state.generation })).toBe(true);
    expect(machine.state.projector.kind).toBe('live');
    expect(seen).toEqual(['idle -subscribed-> catching-up', 'catching-up -caught-up-> live']);
  });
});
