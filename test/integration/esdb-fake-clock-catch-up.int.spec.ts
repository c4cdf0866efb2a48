import { createEsdbEventStore, CLOCK_STREAM, MAX_APPEND_BYTES } from '@lifecycle/event-store';
import { createIngestion } from '../../libs/core/src/ingestion/ingestion.js';
import { startEsdbFake, type EsdbFake } from '../support/esdb-fake/esdb-fake-server.js';

describe('Clock catch-up through the EventStoreDB adapter on the protocol-level FAKE server', () => {
  let fake: EsdbFake;
  beforeAll(async () => {
    fake = await startEsdbFake();
  });
  afterAll(() => fake.stop());

  it('catches a CDNOW-era clock up to 2024 (10,043 DayEnded, about 1.9 MB, over the 1 MiB append limit) in appends under the limit', async () => {
    const store = createEsdbEventStore({ connectionString: fake.connectionString });
    try {
      const ingestion = createIngestion(store, 'USD', () => Date.parse('2024-07-01T00:00:00Z'));
      const dates = await ingestion.tickUntil('2024-06-30', { clock: { firstDate: '1997-01-01' } });
      const days = (Date.UTC(2024, 5, 30) - Date.UTC(1997, 0, 1)) / 86_400_000 + 1;
      expect(dates.length).toBe(days);
      expect(dates[0]).toBe('1997-01-01');
      expect(dates.at(-1)).toBe('2024-06-30');
      const clock = fake.log.stream(CLOCK_STREAM)!;
      const bytes = clock.reduce((sum, r) => sum + r.data.length + r.customMetadata.length, 0);
      expect(bytes).toBeGreaterThan(1024 * 1024);
      expect(await store.streamRevision(CLOCK_STREAM)).toBe(BigInt(days - 1));
      const read = await store.readStream(CLOCK_STREAM);
      expect(read.map((e) => (e.data.data as { date: string }).date)).toEqual(dates);
      expect(MAX_APPEND_BYTES).toBeLessThan(1024 * 1024);
      expect(fake.calls.get('batchAppend')).toBe(1);
    } finally {
      await store.close();
    }
  }, 30_000);
});
