import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeciderCommandHandler, InProcessLock } from '@event-driven-io/emmett';
import { getSQLiteEventStore, messagesTable, sqliteConnection } from '@event-driven-io/emmett-sqlite';
import { CommandRejected, decide, evolve, initialState, toCommand } from './customer-decider.js';
import { customerSummaryProjection, SUMMARY_TABLE_SQL } from './customer-summary-projection.js';

/** The projector batch of our side (PROJECTOR_BATCH_SIZE). */
const BATCH = 5000;

const handle = DeciderCommandHandler({ decide, evolve, initialState, mapToStreamId: (id) => `customer-${id}` });

/**
 * Emmett's side of scenario peer-emmett, in its own process; prints the same JSON line as
 * bench/src/peer-emmett/ours-runner.ts. One shared connection (the pool's default opens a
 * connection per operation, and concurrent transactions on a file fail with SQLITE_BUSY), with
 * our event store's pragmas; commands in flight are serialised by Emmett's InProcessLock, as
 * one connection cannot hold two transactions.
 * Usage: node run.js <workload.json> <dataDir> [synchronous], synchronous NORMAL (ours, the default here) or FULL
 * (SQLite's default, which the connection keeps unless told: an fsync per commit).
 */
async function main() {
  const [workloadFile, dataDir, synchronous = 'NORMAL'] = process.argv.slice(2);
  const workload = JSON.parse(readFileSync(workloadFile, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const fileName = join(dataDir, 'emmett.sqlite');
  const connection = sqliteConnection({ fileName });
  await connection.command('PRAGMA journal_mode = WAL');
  if (!['NORMAL', 'FULL'].includes(synchronous)) throw new Error(`synchronous: NORMAL or FULL, not ${synchronous}`);
  await connection.command(`PRAGMA synchronous = ${synchronous}`);
  const store = getSQLiteEventStore({ fileName, schema: { autoMigration: 'None' }, connectionOptions: { singleton: true, connection } });
  await store.schema.migrate();
  const lock = InProcessLock();

  const execute = async (command, serialised) => {
    const run = () => handle(store, command.customerId, toCommand(command));
    try {
      await (serialised ? lock.withAcquire(run, { lockId: 'store' }) : run());
      return 'accepted';
    } catch (error) {
      if (error instanceof CommandRejected) return 'rejected';
      throw error;
    }
  };
  const tally = (outcomes, seconds) => ({
    commands: outcomes.length, seconds,
    accepted: outcomes.filter((o) => o === 'accepted').length,
    rejected: outcomes.filter((o) => o === 'rejected').length,
  });

  for (const command of workload.warmup) await execute(command, false);
  let started = performance.now();
  const sequentialOutcomes = [];
  for (const command of workload.sequential) sequentialOutcomes.push(await execute(command, false));
  const sequential = tally(sequentialOutcomes, (performance.now() - started) / 1000);

  started = performance.now();
  const laneOutcomes = await Promise.all(workload.lanes.map(async (lane) => {
    const outcomes = [];
    for (const command of lane) outcomes.push(await execute(command, true));
    return outcomes;
  }));
  const concurrent = { ...tally(laneOutcomes.flat(), (performance.now() - started) / 1000), inFlight: workload.lanes.length };

  await connection.command(SUMMARY_TABLE_SQL);
  // Not readLastMessageGlobalPosition: in 0.42.4 it orders ascending and returns the first position.
  const { last } = await connection.querySingle(`SELECT max(global_position) AS last FROM ${messagesTable.name}`);
  const consumer = store.consumer({ pulling: { batchSize: BATCH, pullingFrequencyInMs: 0 } });
  let events = 0;
  consumer.processor({
    projection: customerSummaryProjection,
    startFrom: 'BEGINNING',
    stopAfter: (message) => {
      events++;
      return message.metadata.globalPosition === BigInt(last);
    },
  });
  started = performance.now();
  await consumer.start();
  const projectionSeconds = (performance.now() - started) / 1000;
  const totals = await connection.querySingle(
    "SELECT count(*) AS documents, sum(json_extract(document, '$.lifetimeNet')) AS lifetimeNet, " +
    "sum(json_extract(document, '$.orderCount')) AS orderCount FROM customer_summaries",
  );
  await consumer.stop();
  connection.close();
  process.stdout.write(`${JSON.stringify({
    stack: `emmett (synchronous=${synchronous})`,
    sequential,
    concurrent,
    projection: { events, seconds: projectionSeconds, ...totals },
  })}\n`);
}

await main();
// Something of the consumer keeps the event loop alive after stop(); the result is written, so leave.
process.exit(0);
