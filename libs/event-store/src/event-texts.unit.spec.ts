import { estimatedEventBytes } from './append-limit.js';
import { createEventTexts } from './event-texts.js';
import type { NewEvent } from './event-store.port.js';

const event = (): NewEvent => ({ eventId: 'e-1', type: 'T', data: { a: 'ü', n: [1, null] }, metadata: { hash: 'h' } });

describe('event texts', () => {
  it('write the JSON the store would write, once per event until cleared', () => {
    const texts = createEventTexts();
    const e = event();
    expect(texts.data(e)).toBe(JSON.stringify(e.data));
    expect(texts.metadata(e)).toBe(JSON.stringify(e.metadata));
    expect(estimatedEventBytes(e, texts)).toBe(estimatedEventBytes(e));
    e.data.a = 'changed';
    // Within one append call the event is not changed: the text written first stands.
    expect(texts.data(e)).toContain('ü');
    texts.clear();
    expect(texts.data(e)).toBe(JSON.stringify(e.data));
  });
});
