import { purchaseBody, refundBody } from '../support/envelopes.js';
import { scrape } from '../support/prometheus-text.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ISSUE_METRICS = [
  'lifecycle_events_ingested_total', 'lifecycle_http_request_duration_seconds', 'lifecycle_event_store_append_duration_seconds',
  'lifecycle_log_head_position', 'lifecycle_projection_checkpoint_position', 'lifecycle_projection_lag_events',
  'lifecycle_projection_lag_seconds', 'lifecycle_projection_batch_duration_seconds', 'lifecycle_day_end_duration_seconds',
  'lifecycle_day_end_due_customers', 'lifecycle_customers', 'lifecycle_rebuild_progress_ratio',
];

describe('GET /metrics (Prometheus)', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await startTestApp();
    url = `${(await t.app.getUrl()).replace('[::1]', '127.0.0.1')}/metrics`;
  });
  afterAll(async () => {
    await t.close();
  });

  it('exposes every metric of the list and the default Node metrics', async () => {
    const s = await scrape(url);
    for (const name of ISSUE_METRICS) expect([name, s.families.has(name)]).toEqual([name, true]);
    expect(s.family('process_cpu_user_seconds_total').type).toBe('COUNTER');
    expect(s.family('nodejs_eventloop_lag_seconds').type).toBe('GAUGE');
    expect(s.family('lifecycle_http_request_duration_seconds').type).toBe('HISTOGRAM');
    expect(s.value('lifecycle_customers', { field: 'status', value: 'CHURNED' })).toBe(0);
  });

  it('moves the counters and position gauges as events are ingested and projected', async () => {
    const before = await scrape(url);
    const first = await t.request('POST', '/customers/mia/purchases', purchaseBody('M-1', 500));
    const body = purchaseBody('M-2', 700);
    await t.request('POST', '/customers/mia/purchases', body);
    await t.request('POST', '/customers/mia/purchases', body);
    await t.request('POST', '/customers/mia/refunds', refundBody('NOPE', 1));
    const last = await t.request('POST', '/customers/mia/purchases', purchaseBody('M-1', 1));
    expect([first.status, last.status]).toEqual([201, 409]);
    await t.request('GET', `/customers/mia?minPosition=${first.body.position}`);
    await t.request('POST', '/admin/clock/advance', { until: '2026-11-10' });
    const head = await t.events.headPosition();
    await t.request('GET', `/customers/mia?minPosition=${head}`);

    const after = await scrape(url);
    const delta = (labels: Record<string, string>) => after.value('lifecycle_events_ingested_total', labels) - before.value('lifecycle_events_ingested_total', labels);
    expect(delta({ type: 'PurchaseCompleted', outcome: 'accepted', code: '' })).toBe(2);
    expect(delta({ type: 'PurchaseCompleted', outcome: 'duplicate', code: '' })).toBe(1);
    expect(delta({ type: 'PurchaseRefunded', outcome: 'rejected', code: 'UNKNOWN_ORDER' })).toBe(1);
    expect(delta({ type: 'PurchaseCompleted', outcome: 'rejected', code: 'DUPLICATE_ORDER' })).toBe(1);
    expect(after.value('lifecycle_log_head_position')).toBe(Number(head));
    expect(after.value('lifecycle_projection_checkpoint_position')).toBe(Number(head));
    expect(after.value('lifecycle_projection_lag_events')).toBe(0);
    expect(after.value('lifecycle_projection_lag_seconds')).toBe(0);
    expect(after.value('lifecycle_customers', { field: 'status', value: 'NEW' })).toBe(1);
    expect(after.count('lifecycle_event_store_append_duration_seconds')).toBeGreaterThan(before.count('lifecycle_event_store_append_duration_seconds'));
    expect(after.count('lifecycle_projection_batch_duration_seconds')).toBeGreaterThan(before.count('lifecycle_projection_batch_duration_seconds'));
    expect(after.count('lifecycle_day_end_duration_seconds')).toBeGreaterThan(0);
    const route = { route: '/customers/:customerId/:kind', method: 'POST', status: '201' };
    expect(after.count('lifecycle_http_request_duration_seconds', route) - before.count('lifecycle_http_request_duration_seconds', route)).toBe(2);
  });

  it('shows the lag while nothing projects', async () => {
    const idle = await startTestApp({ PROJECTOR: 'off' });
    try {
      await idle.request('POST', '/customers/ned/purchases', purchaseBody('N-1', 100));
      await idle.request('POST', '/customers/ned/purchases', purchaseBody('N-2', 100));
      await new Promise((resolve) => setTimeout(resolve, 20));
      const s = await scrape(`${(await idle.app.getUrl()).replace('[::1]', '127.0.0.1')}/metrics`);
      expect(s.value('lifecycle_log_head_position')).toBe(2);
      expect(s.value('lifecycle_projection_checkpoint_position')).toBe(-1);
      expect(s.value('lifecycle_projection_lag_events')).toBe(2);
      expect(s.value('lifecycle_projection_lag_seconds')).toBeGreaterThan(0.01);
    } finally {
      await idle.close();
    }
  });
});
