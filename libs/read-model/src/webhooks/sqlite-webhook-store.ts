import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { TransitionFilter } from '../read-model.port.js';
import { decodeDelivery, encodeDelivery, type StoredDeliveryState } from './delivery-state-codec.js';
import type { WebhookStore, WebhookSubscription } from './webhook-store.port.js';

interface Row {
  id: string;
  url: string;
  filter: string;
  secret: string;
  created_at: string;
  delivery: string;
  generation: number;
}

const toSubscription = (row: Row): WebhookSubscription => ({
  id: row.id,
  url: row.url,
  filter: JSON.parse(row.filter) as TransitionFilter,
  secret: row.secret,
  createdAt: row.created_at,
  delivery: decodeDelivery(JSON.parse(row.delivery) as StoredDeliveryState),
  generation: row.generation,
});

/**
 * Subscriptions in their own SQLite file (DATA_DIR/webhooks.sqlite), readable by the owner only
 * (0600): it holds the signing secrets. synchronous=FULL, so an acknowledged checkpoint survives
 * a power cut, not just a crash of the process.
 */
export function createSqliteWebhookStore(options: { file: string }): WebhookStore {
  mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  // On every open: a process killed between creating the file and restricting it leaves it open to others.
  try {
    chmodSync(options.file, 0o600);
  } catch (error) {
    // A file of another owner (a shared volume) keeps the mode its owner gave it.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS webhooks (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT NOT NULL,
    filter TEXT NOT NULL,
    secret TEXT NOT NULL,
    created_at TEXT NOT NULL,
    delivery TEXT NOT NULL,
    generation INTEGER NOT NULL DEFAULT 0
  )`);
  const cols = 'id, url, filter, secret, created_at, delivery, generation';
  const s = {
    insert: db.prepare(`INSERT INTO webhooks (id, url, filter, secret, created_at, delivery) VALUES (?, ?, ?, ?, ?, ?)`),
    list: db.prepare(`SELECT ${cols} FROM webhooks ORDER BY seq`),
    get: db.prepare(`SELECT ${cols} FROM webhooks WHERE id = ?`),
    remove: db.prepare(`DELETE FROM webhooks WHERE id = ?`),
    save: db.prepare(`UPDATE webhooks SET delivery = ? WHERE id = ? AND generation = ?`),
    reset: db.prepare(`UPDATE webhooks SET delivery = ?, generation = generation + 1 WHERE id = ?`),
  };
  return {
    create: async (sub) => {
      s.insert.run(sub.id, sub.url, JSON.stringify(sub.filter), sub.secret, sub.createdAt, JSON.stringify(encodeDelivery(sub.delivery)));
    },
    list: async () => (s.list.all() as Row[]).map(toSubscription),
    get: async (id) => {
      const row = s.get.get(id) as Row | undefined;
      return row ? toSubscription(row) : null;
    },
    remove: async (id) => s.remove.run(id).changes > 0,
    saveDelivery: async (id, generation, delivery) => s.save.run(JSON.stringify(encodeDelivery(delivery)), id, generation).changes > 0,
    resetDelivery: async (id, delivery) => {
      if (s.reset.run(JSON.stringify(encodeDelivery(delivery)), id).changes === 0) return null;
      return toSubscription(s.get.get(id) as Row);
    },
    close: async () => {
      db.close();
    },
  };
}
