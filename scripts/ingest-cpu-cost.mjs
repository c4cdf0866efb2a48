#!/usr/bin/env node
// CPU time the server spends per ingested event, against the same baselines as bench scenarios
// 2 and 3a (1a bare Fastify echo, 1b raw batched inserts), read from the processes' own CPU
// counters instead of throughput: on a machine loaded by other work, throughput ratios swing by
// a factor of 5 between runs while CPU time per request moves far less. On an idle machine,
// where each server has a core, the throughput ratio is about the CPU-per-request ratio.
//
//   npm run build && node scripts/ingest-cpu-cost.mjs [root-with-dist] [--seconds 5] [--batches 50]
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : Number(args.splice(i, 2)[1]);
};
const seconds = option('--seconds', 5);
const batches = option('--batches', 50);
const root = resolve(args[0] ?? '.');
const load = (path) => import(pathToFileURL(join(root, 'dist', path)).href);

const { runLoad } = await load('bench/src/load/autocannon.js');
const { cycle, routeRequests } = await load('bench/src/workload/route-requests.js');
const { DEFAULT_WINDOW, GeneratedLog } = await load('bench/src/workload/generate-log.js');
const { eventRows } = await load('bench/src/workload/event-rows.js');
const { tempDir } = await load('bench/src/temp-dir.js');
const { EVENT_STORE_PRAGMAS } = await load('libs/event-store/src/sqlite/sqlite-event-store.js');
const { EVENTS_SCHEMA } = await load('libs/event-store/src/sqlite/sqlite-statements.js');
const Database = createRequire(join(root, 'package.json'))('better-sqlite3');

/** utime + stime of a process, in ms (Linux /proc, 100 ticks per second). */
const cpuMsOf = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

async function server(module, env = {}) {
  const child = fork(join(root, 'dist/bench/src/servers', module), [], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const [ready] = await once(child, 'message');
  return {
    url: `http://127.0.0.1:${ready.port}`,
    cpuMs: () => cpuMsOf(child.pid),
    stop: async () => {
      const exited = once(child, 'exit');
      child.send({ type: 'stop' });
      await exited;
    },
  };
}

/** Server CPU µs per answered request under 64 connections, after a warm-up. */
async function perRequest(module, env, feed) {
  const s = await server(module, env);
  try {
    await runLoad({ url: s.url, connections: 64, duration: 2, next: feed.next });
    const before = s.cpuMs();
    const result = await runLoad({ url: s.url, connections: 64, duration: seconds, next: feed.next });
    return { usPerRequest: ((s.cpuMs() - before) * 1000) / result.requests, requests: result.requests, statusCodes: result.statusCodes };
  } finally {
    await s.stop();
  }
}

const echoFeed = cycle(routeRequests((seconds + 2) * 15_000, 22, 'http'));
const echo = await perRequest('echo-server.js', {}, echoFeed);
const dir = tempDir('cpu-cost');
const app = await perRequest('app-server.js', { BENCH_DATA_DIR: join(dir.path, 'single'), BENCH_PROJECTOR: 'off' }, cycle(routeRequests((seconds + 2) * 15_000, 22, 'http')));

// Batch: the rows of scenario 3a, raw (in this process) and through POST /events.
const total = batches * 1000;
const rows = eventRows(total, 33);
const db = new Database(join(dir.path, 'raw.sqlite'));
for (const pragma of EVENT_STORE_PRAGMAS) db.pragma(pragma);
db.exec(EVENTS_SCHEMA);
const insert = db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
const many = db.transaction((slice) => {
  for (const row of slice) insert.run(row);
});
const cpu0 = process.cpuUsage();
for (let i = 0; i < rows.length; i += 1000) many(rows.slice(i, i + 1000));
const rawCpu = process.cpuUsage(cpu0);
db.close();
const rawUsPerRow = (rawCpu.user + rawCpu.system) / rows.length;

const log = new GeneratedLog({ seed: 33, customers: Math.ceil(total / 9), prefix: 'rows', ...DEFAULT_WINDOW });
const events = [...log.businessEvents(total)];
const batchServer = await server('app-server.js', { BENCH_DATA_DIR: join(dir.path, 'batch'), BENCH_PROJECTOR: 'off' });
let accepted = 0;
const before = batchServer.cpuMs();
for (let i = 0; i < events.length; i += 1000) {
  const response = await fetch(`${batchServer.url}/events`, { method: 'POST', body: JSON.stringify({ events: events.slice(i, i + 1000) }), headers: { 'content-type': 'application/json' } });
  accepted += (await response.json()).accepted;
}
const batchUsPerEvent = ((batchServer.cpuMs() - before) * 1000) / events.length;
await batchServer.stop();
dir.remove();

const pct = (x) => `${(100 * x).toFixed(1)} %`;
console.log(JSON.stringify({ root, echo, app, rawUsPerRow, batchUsPerEvent, accepted }));
console.log(`single: echo ${echo.usPerRequest.toFixed(1)} µs/request, app ${app.usPerRequest.toFixed(1)} µs/request -> ratio ${pct(echo.usPerRequest / app.usPerRequest)}`);
console.log(`batch:  raw ${rawUsPerRow.toFixed(1)} µs/row, app ${batchUsPerEvent.toFixed(1)} µs/event -> ratio ${pct(rawUsPerRow / batchUsPerEvent)}`);
