import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ProjectorService, READ_MODEL } from '@lifecycle/core/nest';
import type { QueryStore } from '@lifecycle/read-model';

const POSITION = /"position":"(\d+)"/;
const WAIT_MS = 30_000;
const POLL_MS = 1;

/**
 * Times, for every 201 answer of the single-event routes, how long after the answer the
 * projection's checkpoint passes the event's position: with the projector in this process,
 * through ProjectorService.waitFor (woken by each projected batch); with the projector in
 * another process, by one poll of the read model's checkpoint every millisecond.
 */
export function installLagProbe(app: NestFastifyApplication, projectorInProcess: boolean) {
  const lagsMs: number[] = [];
  let timedOut = 0;
  const waitFor = projectorInProcess ? inProcessWait(app) : pollingWait(app);
  app.getHttpAdapter().getInstance().addHook('onSend', async (_request, reply, payload) => {
    if (reply.statusCode !== 201 || typeof payload !== 'string') return payload;
    const match = POSITION.exec(payload);
    if (match) {
      const sent = performance.now();
      void waitFor(BigInt(match[1])).then((reached) => {
        if (reached) lagsMs.push(performance.now() - sent);
        else timedOut += 1;
      });
    }
    return payload;
  });
  return {
    report: () => ({ lagsMs, timedOut }),
    /** Forgets what was measured so far (after a warm-up). */
    reset: () => {
      lagsMs.length = 0;
      timedOut = 0;
    },
  };
}

function inProcessWait(app: NestFastifyApplication): (position: bigint) => Promise<boolean> {
  const projector = app.get(ProjectorService);
  return (position) => projector.waitFor(position, WAIT_MS);
}

function pollingWait(app: NestFastifyApplication): (position: bigint) => Promise<boolean> {
  const readModel = app.get<symbol, QueryStore>(READ_MODEL);
  let waiting: Array<{ position: bigint; deadline: number; resolve: (reached: boolean) => void }> = [];
  let polling = false;
  const timer = setInterval(() => {
    if (polling || waiting.length === 0) return;
    polling = true;
    void readModel.loadMeta().then(({ checkpoint }) => {
      const now = performance.now();
      const still: typeof waiting = [];
      for (const w of waiting) {
        if (checkpoint !== null && checkpoint >= w.position) w.resolve(true);
        else if (now > w.deadline) w.resolve(false);
        else still.push(w);
      }
      waiting = still;
    }).finally(() => {
      polling = false;
    });
  }, POLL_MS);
  timer.unref();
  return (position) => new Promise((resolve) => waiting.push({ position, deadline: performance.now() + WAIT_MS, resolve }));
}
