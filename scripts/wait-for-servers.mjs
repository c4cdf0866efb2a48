// Waits (up to 180 s) until EventStoreDB and MongoDB at the configured URLs answer a read.
import { EventStoreDBClient, START } from '@eventstore/db-client';
import { MongoClient } from 'mongodb';

const deadline = Date.now() + 180_000;
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

async function until(name, probe) {
  for (let attempt = 1; ; attempt++) {
    try {
      await probe();
      console.log(`${name}: ready`);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${name} did not answer within 180 s: ${error.message}`);
      if (attempt === 1) console.log(`${name}: waiting (${error.message})`);
      await sleep(2000);
    }
  }
}

await until('EventStoreDB', async () => {
  const client = EventStoreDBClient.connectionString(process.env.EVENTSTORE_CONNECTION_STRING);
  try {
    for await (const _ of client.readAll({ fromPosition: START, maxCount: 1 })) void _;
  } finally {
    await client.dispose();
  }
});
await until('MongoDB', async () => {
  const client = new MongoClient(process.env.MONGODB_URI, { serverSelectionTimeoutMS: 3000 });
  try {
    const hello = await client.db().admin().command({ hello: 1 });
    if (!hello.isWritablePrimary) throw new Error('not yet the primary of its replica set');
  } finally {
    await client.close();
  }
});
