import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { catchUp, type IngestionResult, loadConfig, Projector } from '@lifecycle/core';
import { LifecycleCoreModule, RecordCustomerEventCommand } from '@lifecycle/core/nest';
import { createSqliteEventStore } from '@lifecycle/event-store';
import { createSqliteReadModel } from '@lifecycle/read-model';
import type { PeerRunResult, PhaseResult } from './peer-run-result.js';
import type { PeerCommand, PeerWorkload } from './purchase-refund-workload.js';

/** The projector's default batch (PROJECTOR_BATCH_SIZE). */
const BATCH = 5000;

/** The route's command, as the HTTP controller sends it to the command bus. */
function toCommand(command: PeerCommand): RecordCustomerEventCommand {
  const envelope = { eventId: command.eventId, occurredAt: command.occurredAt };
  if (command.kind === 'purchase') {
    return new RecordCustomerEventCommand('PurchaseCompleted', command.customerId, {
      ...envelope, data: { orderId: command.orderId, total: { amountMinor: command.amountMinor, currency: 'USD' }, salesChannel: 'ONLINE' },
    });
  }
  return new RecordCustomerEventCommand('PurchaseRefunded', command.customerId, {
    ...envelope,
    data: { refundId: command.refundId, orderId: command.orderId, amount: { amountMinor: command.amountMinor, currency: 'USD' }, reason: 'RETURN' },
  });
}

function tally(results: IngestionResult[], seconds: number): PhaseResult {
  const accepted = results.filter((r) => r.status === 'accepted').length;
  const rejected = results.filter((r) => r.status === 'rejected').length;
  return { commands: results.length, seconds, accepted, rejected };
}

/**
 * Our side of scenario peer-emmett, in its own process: the commands through the CQRS command
 * bus (RecordCustomerEventCommand, what POST /customers/:id/purchases sends) of the core module
 * on a temp DATA_DIR, after the untimed warm-up commands, then a Projector + catchUp of the whole log into a fresh SQLite read model.
 * Usage: node ours-runner.js <workload.json> <dataDir>
 */
async function main(): Promise<void> {
  const [workloadFile, dataDir] = process.argv.slice(2);
  const workload = JSON.parse(readFileSync(workloadFile, 'utf8')) as PeerWorkload;
  const config = { ...loadConfig({ DATA_DIR: dataDir }), projector: false, clockScheduler: false, followProjectionVersions: false };
  const context = await NestFactory.createApplicationContext(LifecycleCoreModule.forRoot(config), { logger: false });
  const bus = context.get(CommandBus);
  const execute = (command: PeerCommand) => bus.execute(toCommand(command));

  for (const command of workload.warmup) await execute(command);
  let started = performance.now();
  const sequentialResults: IngestionResult[] = [];
  for (const command of workload.sequential) sequentialResults.push(await execute(command));
  const sequential = tally(sequentialResults, (performance.now() - started) / 1000);

  started = performance.now();
  const laneResults = await Promise.all(workload.lanes.map(async (lane) => {
    const results: IngestionResult[] = [];
    for (const command of lane) results.push(await execute(command));
    return results;
  }));
  const concurrent = { ...tally(laneResults.flat(), (performance.now() - started) / 1000), inFlight: workload.lanes.length };
  await context.close();

  const store = createSqliteEventStore({ file: join(dataDir, 'events.sqlite') });
  const readModel = createSqliteReadModel({ file: join(dataDir, 'read-model-rebuilt.sqlite') });
  const projector = new Projector(readModel, config.rules);
  await projector.init();
  let events = 0;
  started = performance.now();
  await catchUp(store, projector, BATCH, (batch) => { events += batch.length; });
  const projectionSeconds = (performance.now() - started) / 1000;

  const ids = [...new Set([...workload.warmup, ...workload.sequential, ...workload.lanes.flat()].map((c) => c.customerId))];
  const profiles = await readModel.getCustomers(ids);
  let lifetimeNet = 0;
  let orderCount = 0;
  for (const id of ids) {
    const profile = await readModel.getProfile(id);
    lifetimeNet += profile?.lifetimeNet ?? 0;
    orderCount += profile?.orderCount ?? 0;
  }
  await store.close();
  await readModel.close();
  const result: PeerRunResult = {
    stack: 'ours',
    sequential,
    concurrent,
    projection: { events, seconds: projectionSeconds, documents: profiles.size, lifetimeNet, orderCount },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
