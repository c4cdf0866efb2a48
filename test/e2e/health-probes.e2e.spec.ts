import { purchaseBody } from '../support/envelopes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('health probes', () => {
  describe('a ready service', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(async () => {
      await t.close();
    });

    it('/health/live and /health/ready answer 200, /health keeps its detail', async () => {
      expect(await t.request('GET', '/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });
      const ready = await t.request('GET', '/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'ok', info: { eventStore: { status: 'up' }, readModel: { status: 'up' }, projection: { status: 'up', version: 'v1' }, lag: { status: 'up' } } });
      expect(await t.request('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok', projector: { running: true } } });
    });

    it('answers 503 while the event store is unreachable', async () => {
      await t.events.close();
      const ready = await t.request('GET', '/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'error', error: { eventStore: { status: 'down', message: expect.any(String) } } });
      const health = await t.request('GET', '/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'not_ready', notReady: { eventStore: expect.any(String) } });
      expect((await t.request('GET', '/health/live')).status).toBe(200);
    });
  });

  it('answers 503 while the projection lags more than READY_MAX_LAG_EVENTS', async () => {
    const t = await startTestApp({ PROJECTOR: 'off', READY_MAX_LAG_EVENTS: '1' });
    try {
      expect((await t.request('GET', '/health/ready')).status).toBe(200);
      await t.request('POST', '/customers/lagging/purchases', purchaseBody('L-1', 1));
      const one = await t.request('GET', '/health/ready');
      expect(one).toMatchObject({ status: 200, body: { info: { lag: { events: '1', max: '1' } } } });
      await t.request('POST', '/customers/lagging/purchases', purchaseBody('L-2', 1));
      const ready = await t.request('GET', '/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.error.lag.message).toMatch(/lag 2 events > READY_MAX_LAG_EVENTS 1/);
      expect((await t.request('GET', '/health')).body.notReady).toEqual({ lag: expect.stringContaining('lag 2') });
    } finally {
      await t.close();
    }
  });
});
