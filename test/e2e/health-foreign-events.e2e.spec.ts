import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { purchaseBody } from '../support/envelopes.js';

describe('/health reports the events the projector skipped as not its own', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('counts a contract suite\'s event in the shared log and keeps projecting', async () => {
    await t.events.append({
      streamId: `contract-roundtrip-${randomUUID().slice(0, 8)}`, expectedRevision: 'no_stream',
      events: [{ eventId: randomUUID(), type: 'CustomerRegistered', data: { name: 'Ada' }, metadata: {} }],
    });
    const posted = await t.request('POST', '/customers/bob/purchases', purchaseBody('B-1', 1200));
    expect(posted.status).toBe(201);
    const read = await t.request('GET', `/customers/bob?minPosition=${posted.body.position}`);
    expect(read.status).toBe(200);
    const { body } = await t.request('GET', '/health');
    expect(body.status).toBe('ok');
    expect(body.projector).toMatchObject({ running: true, foreignEvents: 1, lastForeignEvent: { type: 'CustomerRegistered' } });
    expect(body.projector.lastForeignEvent.streamId).toMatch(/^contract-roundtrip-/);
  });
});
