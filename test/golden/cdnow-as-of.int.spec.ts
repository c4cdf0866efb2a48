import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { addDays, type CustomerProfile, defaultRules, formatInstant, parseInstant, type Transition } from '@lifecycle/domain';
import { EVENT_STORE, READ_MODEL } from '@lifecycle/core/nest';
import { createSqliteEventStore, type EventStore } from '@lifecycle/event-store';
import { createSqliteReadModel, type QueryStore } from '@lifecycle/read-model';
import { ClockTicks } from '../../libs/core/src/event-log/clock-ticks.js';
import { customerAsOf } from '../../libs/core/src/audit/customer-as-of.js';
import { importHistory } from '../../libs/core/src/import/history-importer.js';
import { createIngestion } from '../../libs/core/src/ingestion/ingestion.js';
import { catchUp } from '../../libs/core/src/projection/catch-up.js';
import { Projector } from '../../libs/core/src/projection/projector.js';
import { CDNOW_DIR, CDNOW_EVENTS, writeCdnowSubset } from '../support/cdnow.js';
import { removeBuiltCli, runCli } from '../support/cli.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 5, "As of a date": import CDNOW up to a date D and read the live profiles; import
 * everything into another store and ask it as of D for the same customers: they must agree.
 *
 * What "up to D" means (spec sections 1 and 9): `import --clock --until D` ticks the clock up
 * to DayEnded{D − 1 day}, whose asOf is D at 00:00:00Z, so every customer is evaluated at that
 * instant. The matching as-of instant is `at = D T00:00:00.000Z` (the as-of takes the ticks
 * with asOf ≤ at: the same clock), and the history "up to D" is every line with
 * occurredAt ≤ at, since the as-of folds exactly those (CDNOW has events at exactly midnight,
 * so `< at` would differ for them). The file is sorted by occurredAt, so that is a prefix of it.
 * A third instant, D2 at noon, lies between two ticks: the lines up to it imported without
 * `--until` (no later day's event, so no tick) give the live state at that instant.
 *
 * Store A (live): the lines up to each instant in turn, imported in process into one store
 * (the import continues the clock, so after each step the store is what importing every line
 * up to that instant gives), its profiles read after each step. Store B: the whole file,
 * `npm run cli -- import events.ndjson.gz --clock --until 1998-07-01` in a child process
 * running alongside A's import; then the service is started on it and asked as of each instant.
 *
 * The as-of is the literal definition (it folds every tick, no due-set) and costs a few
 * milliseconds per customer, so the service is asked in process for a deterministic sample
 * per instant — every status × loyalty level × value tier combination present, every customer
 * with an event within a day of the instant, the rest every n-th customer by id, at least
 * 2,000 at each midnight — and over HTTP for a handful. Every customer of B that A does not
 * have must be unknown as of the instant.
 */
const CHECKPOINTS: Array<{ at: string; until?: string; atLeast: number }> = [
  { at: '1997-06-15T00:00:00.000Z', until: '1997-06-15', atLeast: 2_000 },
  { at: '1997-12-01T00:00:00.000Z', until: '1997-12-01', atLeast: 2_000 },
  { at: '1997-12-01T12:00:00.000Z', atLeast: 500 },
];
const END = '1998-07-01';
const PER_COMBINATION = 25;
const DAY = 86_400_000;
const rules = defaultRules('USD');
const instantOf = (iso: string) => parseInstant(iso) as number;
/** The date of the last DayEnded with asOf ≤ at. */
const clockDateAt = (iso: string) => addDays(iso.slice(0, 10), -1);

interface LiveAt {
  profiles: Map<string, CustomerProfile>;
  sample: string[];
  transitions: Map<string, Transition[]>;
  /** Customers with an event within a day of the instant, before or after it. */
  near: Set<string>;
  /** Customers with an event at exactly the instant. */
  atInstant: Set<string>;
}

async function allProfiles(readModel: QueryStore): Promise<CustomerProfile[]> {
  const all: CustomerProfile[] = [];
  for await (const page of readModel.allProfiles()) all.push(...page);
  return all;
}

async function storedTransitions(readModel: QueryStore, customerId: string): Promise<Transition[]> {
  const all: Transition[] = [];
  let cursor: string | null = null;
  do {
    const page = await readModel.transitions(customerId, 1000, cursor);
    all.push(...page.items.map(({ position: _position, ...tr }) => tr));
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** Evenly spread members of `items` (by index), at most `n`. */
const spread = <T>(items: T[], n: number): T[] =>
  items.length <= n ? items : Array.from({ length: Math.max(0, n) }, (_, i) => items[Math.floor((i * items.length) / n)]);

const combinationOf = (p: CustomerProfile) => `${p.status}/${p.loyaltyLevel}/${p.valueTier}`;

function sampleOf(profiles: CustomerProfile[], near: Set<string>, atLeast: number): string[] {
  const byCombination = new Map<string, CustomerProfile[]>();
  for (const p of profiles) byCombination.set(combinationOf(p), [...(byCombination.get(combinationOf(p)) ?? []), p]);
  const ids = new Set<string>();
  for (const members of byCombination.values()) for (const p of spread(members, PER_COMBINATION)) ids.add(p.customerId);
  for (const p of profiles) if (near.has(p.customerId)) ids.add(p.customerId);
  const rest = profiles.filter((p) => !ids.has(p.customerId));
  for (const p of spread(rest, atLeast - ids.size)) ids.add(p.customerId);
  return [...ids].sort();
}

/** As every reader gets it: JSON (an absent attribute and an undefined one are the same). */
const asJson = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/** Every field of the live profile against the as-of one, as "customer field: live … as-of …". */
function profileDifferences(live: CustomerProfile, asOf: CustomerProfile | undefined): string[] {
  if (!asOf) return [`${live.customerId}: a live profile, but no customer as of the instant`];
  const out: string[] = [];
  for (const field of new Set([...Object.keys(live), ...Object.keys(asOf)])) {
    const l = asJson((live as Record<string, unknown>)[field]);
    const a = asJson((asOf as Record<string, unknown>)[field]);
    if (!isDeepStrictEqual(l, a)) out.push(`${live.customerId} ${field}: live ${JSON.stringify(l)} as-of ${JSON.stringify(a)}`);
  }
  return out;
}


describe('CDNOW: as of an instant, a full import equals the live state of an import up to that instant', () => {
  const root = mkdtempSync(join(tmpdir(), 'as-of-'));
  const fullDir = join(root, 'full');
  const live = new Map<string, LiveAt>();
  const timings: Record<string, number> = {};
  let fullImport: { appended: number; rejected: Record<string, number>; dayEnded: unknown };
  let app: TestApp;
  let fullEvents: EventStore;
  let fullClock: ClockTicks;
  let fullReadModel: QueryStore;
  let fullProfiles: CustomerProfile[];

  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      timings[name] = Math.round(performance.now() - started);
    }
  };

  async function importUpToEachInstant(): Promise<void> {
    const events = createSqliteEventStore({ file: join(root, 'partial-events.sqlite') });
    const readModel = createSqliteReadModel({ file: join(root, 'partial-read-model.sqlite') });
    const projector = new Projector(readModel, rules);
    await projector.init();
    try {
      let previous = -Infinity;
      for (const { at: iso, until, atLeast } of CHECKPOINTS) {
        const at = instantOf(iso);
        const from = previous;
        const near = new Set<string>();
        const atInstant = new Set<string>();
        const file = join(root, `up-to-${iso}.ndjson`);
        await writeCdnowSubset(file, (_line, occurredAt, text) => {
          if (occurredAt === null) return false;
          if (Math.abs(occurredAt - at) <= DAY) near.add(JSON.parse(text).customerId);
          if (occurredAt === at) atInstant.add(JSON.parse(text).customerId);
          return occurredAt > from && occurredAt <= at;
        });
        await timed(`A: import up to ${iso}`, () => importHistory(file, createIngestion(events, 'USD', () => Date.now()), {
          clock: true, until, baseCurrency: 'USD',
        }));
        await timed(`A: project up to ${iso}`, () => catchUp(events, projector));
        expect((await readModel.loadMeta()).clockDate).toBe(clockDateAt(iso));
        const profiles = await allProfiles(readModel);
        const sample = sampleOf(profiles, near, atLeast);
        const transitions = new Map<string, Transition[]>();
        for (const id of sample) transitions.set(id, await storedTransitions(readModel, id));
        live.set(iso, { profiles: new Map(profiles.map((p) => [p.customerId, p])), sample, transitions, near, atInstant });
        previous = at;
      }
    } finally {
      await events.close();
      await readModel.close();
    }
  }

  beforeAll(async () => {
    const full = timed('B: CLI import of everything (alongside A)', () => runCli(['import', CDNOW_EVENTS, '--clock', '--until', END], fullDir));
    await Promise.all([full, timed('A: import and project up to each instant', importUpToEachInstant)]);
    fullImport = JSON.parse((await full).stdout);
    app = await startTestApp({ DATA_DIR: fullDir });
    fullEvents = app.app.get<EventStore>(EVENT_STORE);
    fullClock = new ClockTicks(fullEvents);
    fullReadModel = app.app.get<QueryStore>(READ_MODEL);
    fullProfiles = await allProfiles(fullReadModel);
  }, 300_000);

  afterAll(async () => {
    console.log(`CDNOW as-of timings (ms): ${JSON.stringify(timings, null, 1)}`);
    await app?.close();
    removeBuiltCli();
    rmSync(root, { recursive: true, force: true });
  });

  it('imported everything into B, up to the end of the data', async () => {
    const expected = JSON.parse(readFileSync(join(CDNOW_DIR, 'expected/summary.json'), 'utf8'));
    expect(fullImport).toMatchObject({ appended: expected.events.appended, rejected: expected.events.rejected, dayEnded: expected.dayEnded });
    expect((await fullReadModel.loadMeta()).clockDate).toBe(addDays(END, -1));
    expect(fullProfiles.length).toBe(expected.customers);
  });

  describe.each(CHECKPOINTS.map((c) => c.at))('as of %s', (iso) => {
    const at = instantOf(iso);

    it('samples every status × loyalty level × value tier combination, and the customers with an event near or at the instant', () => {
      const { profiles, sample, near, atInstant } = live.get(iso) as LiveAt;
      const combinations = (ids: Iterable<string>) => new Set([...ids].map((id) => combinationOf(profiles.get(id) as CustomerProfile)));
      expect(sample.length).toBeGreaterThanOrEqual((CHECKPOINTS.find((c) => c.at === iso) as { atLeast: number }).atLeast);
      expect(combinations(sample)).toEqual(combinations(profiles.keys()));
      expect(sample.filter((id) => near.has(id)).length).toBeGreaterThan(50);
      expect(atInstant.size).toBeGreaterThan(0);
      expect([...atInstant].every((id) => sample.includes(id))).toBe(true);
      console.log(`as of ${iso}: ${profiles.size} live customers, ${sample.length} compared, ${combinations(sample).size} combinations`);
    });

    it('gives each sampled customer the live profile and transitions, field by field', async () => {
      const { profiles, sample, transitions } = live.get(iso) as LiveAt;
      const mismatches: string[] = [];
      await timed(`as-of ${iso}: ${sample.length} customers`, async () => {
        for (const id of sample) {
          const result = await customerAsOf(fullEvents, fullReadModel, id, at, rules, fullClock);
          if (result && result.clockDate !== clockDateAt(iso)) mismatches.push(`${id} clockDate: as-of ${result.clockDate}`);
          mismatches.push(...profileDifferences(profiles.get(id) as CustomerProfile, result?.profile));
          const stored = transitions.get(id) as Transition[];
          if (result && !isDeepStrictEqual(asJson(result.transitions), asJson(stored))) {
            mismatches.push(`${id} transitions: live ${JSON.stringify(stored)} as-of ${JSON.stringify(result.transitions)}`);
          }
        }
      });
      if (mismatches.length > 0) console.log(`as of ${iso}: ${mismatches.length} mismatches\n${mismatches.slice(0, 50).join('\n')}`);
      expect(mismatches.slice(0, 20)).toEqual([]);
    }, 120_000);

    it('knows no customer of B that had no event yet', async () => {
      const { profiles } = live.get(iso) as LiveAt;
      const later = fullProfiles.filter((p) => !profiles.has(p.customerId));
      expect(later.length).toBeGreaterThan(0);
      const known: string[] = [];
      await timed(`as-of ${iso}: ${later.length} later customers`, async () => {
        for (const p of later) if (await customerAsOf(fullEvents, fullReadModel, p.customerId, at, rules, fullClock)) known.push(p.customerId);
      });
      expect(known).toEqual([]);
    });

    it('answers the same over HTTP, the instant given in any zone', async () => {
      const { profiles, sample, atInstant } = live.get(iso) as LiveAt;
      const ids: string[] = [];
      const statuses = new Set<string>();
      for (const id of sample) {
        const { status } = profiles.get(id) as CustomerProfile;
        if (!statuses.has(status)) ids.push(id);
        statuses.add(status);
      }
      ids.push([...atInstant][0]);
      const zoned = formatInstant(at - 5 * 3_600_000).replace('.000Z', '-05:00');
      for (const [i, id] of ids.entries()) {
        const query = i % 2 === 0 ? iso : zoned;
        const { status, body } = await app.request('GET', `/customers/${id}/as-of?at=${encodeURIComponent(query)}`);
        expect({ id, status }).toEqual({ id, status: 200 });
        expect(body).toMatchObject({ at: iso, clockDate: clockDateAt(iso) });
        expect(body.profile).toEqual(asJson(profiles.get(id)));
      }
      const unknown = fullProfiles.find((p) => !profiles.has(p.customerId)) as CustomerProfile;
      const { status } = await app.request('GET', `/customers/${unknown.customerId}/as-of?at=${encodeURIComponent(iso)}`);
      expect(status).toBe(404);
    });
  });
});
