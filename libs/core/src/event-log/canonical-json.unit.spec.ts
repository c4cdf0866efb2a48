import fc from 'fast-check';
import { GeneratedLog, DEFAULT_WINDOW } from '../../../../bench/src/workload/generate-log.js';
import { canonicalJson } from './canonical-json.js';
import { referenceCanonicalJson } from './canonical-json-reference.js';
import { chainText } from './hash-chain.js';
import { toNewEvent } from './event-codec.js';

/** The text the first chainHash hashed, built as it built it. */
const referenceChainText = (previousHash: string | null, event: { eventId: string; type: string; data: unknown; metadata: Record<string, unknown> }) =>
  referenceCanonicalJson({
    previousHash,
    event: {
      eventId: event.eventId.toLowerCase(),
      type: event.type,
      data: event.data,
      metadata: Object.fromEntries(Object.entries(event.metadata ?? {}).filter(([key]) => !['hash', 'recordedAt'].includes(key))),
    },
  });

// Keys and strings over the whole UTF-16 range: lone surrogates, quotes, backslashes, controls, "__proto__", integer-like keys.
const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('', '"', '\\', '\u0000\n\t', '\ud800', '€', '𝄞', '__proto__', '10', '2', '-1', 'a'));
const leaf = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, 1e21, 1e-7, Number.MAX_SAFE_INTEGER, NaN, Infinity),
  text,
  fc.constant(undefined),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 6 }),
  object: fc.dictionary(text, tie('value'), { maxKeys: 6 }),
})).value;

describe('canonicalJson', () => {
  it('writes the same text as the first version for any nested value', () => {
    fc.assert(fc.property(json, (value) => {
      expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
    }), { numRuns: 5000 });
  });

  it('writes the same text for arrays with holes, dates and a null-prototype object', () => {
    const holes = [1, , 3];
    const bare = Object.assign(Object.create(null) as object, { b: 1, a: [undefined, null] });
    for (const value of [holes, new Date(0), bare, { x: { y: { z: [[], {}] } } }, [undefined], { u: undefined }]) {
      expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
    }
  });
});

describe('chainText', () => {
  const metadata = fc.dictionary(fc.oneof(text, fc.constantFrom('hash', 'recordedAt', 'source')), text, { maxKeys: 5 });

  it('is the canonical JSON of the previous hash and the event, for random events', () => {
    const event = fc.record({ eventId: text, type: text, data: fc.dictionary(text, json, { maxKeys: 6 }), metadata });
    fc.assert(fc.property(fc.option(text), event, (previousHash, e) => {
      expect(chainText(previousHash, e)).toBe(referenceChainText(previousHash, e));
    }), { numRuns: 3000 });
  });

  it('is the canonical JSON of the previous hash and the event, for the benchmark workload envelopes', () => {
    const log = new GeneratedLog({ seed: 7, customers: 300, prefix: 'c', ...DEFAULT_WINDOW });
    let previous: string | null = null;
    let n = 0;
    for (const envelope of log.businessEvents(3000)) {
      const event = toNewEvent(envelope, { source: 'import', hash: 'x', recordedAt: '2026-01-01T00:00:00.000Z' });
      expect(chainText(previous, event)).toBe(referenceChainText(previous, event));
      previous = String(n++);
    }
    expect(n).toBe(3000);
  });
});
