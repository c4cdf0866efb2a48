import { userInfo } from 'node:os';
import type { Command } from 'commander';
import {
  KEY_ID_PATTERN, KeysFileError, keysFilePath, loadConfig, newKey, parseRoles, readKeysFile, recordAdminAction, type KeysFile,
  writeKeysFile,
} from '@lifecycle/core';
import { EVENT_STORE, WALL_CLOCK, type WallClock } from '@lifecycle/core/nest';
import type { EventStore } from '@lifecycle/event-store';
import { withContext } from '../cli-context.js';

/** Who runs the CLI, for the admin audit stream (the CLI holds no key). */
export const cliActor = (): string => `cli:${userInfo().username}`;

const fileOf = (file: string | undefined): string => {
  const config = loadConfig();
  return file ? keysFilePath(file, config.dataDir) : config.apiKeysFile;
};

/** Writes the keys file and records the action; when the record fails, the file is put back. */
async function changeKeys(path: string, before: KeysFile, after: KeysFile, action: 'keys.create' | 'keys.revoke', details: Record<string, unknown>) {
  writeKeysFile(path, after);
  try {
    await withContext(async (context) => {
      await recordAdminAction(context.get<EventStore>(EVENT_STORE), { actor: cliActor(), action, outcome: 'ok', details }, context.get<WallClock>(WALL_CLOCK));
    });
  } catch (error) {
    writeKeysFile(path, before);
    throw error;
  }
}

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('API keys (the keys file holds only their scrypt hashes)');
  keys
    .command('create')
    .description('create a key; prints it once, alone on the last line of stdout')
    .requiredOption('--id <id>', 'the key id (1-64 chars of [A-Za-z0-9_-]), recorded in the metadata of every event it sends')
    .requiredOption('--roles <roles>', 'comma-separated: ingest,query,audit,admin,metrics')
    .option('--file <path>', 'the keys file (default: API_KEYS_FILE, else DATA_DIR/keys.json)')
    .action(async (flags: { id: string; roles: string; file?: string }) => {
      if (!KEY_ID_PATTERN.test(flags.id)) throw new KeysFileError(`--id: must be 1-64 chars of [A-Za-z0-9_-] (got ${JSON.stringify(flags.id)})`);
      const roles = parseRoles(flags.roles);
      const path = fileOf(flags.file);
      const before = readKeysFile(path);
      if (before.keys.some((k) => k.id === flags.id)) throw new KeysFileError(`--id: a key ${flags.id} exists already in ${path} (revoked ids are not reused)`);
      const { key, record } = newKey(flags.id, roles, new Date());
      await changeKeys(path, before, { version: 1, keys: [...before.keys, record] }, 'keys.create', { id: flags.id, roles });
      process.stderr.write(`created key ${flags.id} (${roles.join(',')}) in ${path}; it is shown once, below:\n`);
      process.stdout.write(`${key}\n`);
    });
  keys
    .command('list')
    .description('the keys: id, roles, created, revoked (never a secret)')
    .option('--file <path>', 'the keys file (default: API_KEYS_FILE, else DATA_DIR/keys.json)')
    .action((flags: { file?: string }) => {
      for (const { id, roles, createdAt, revokedAt } of readKeysFile(fileOf(flags.file)).keys) {
        process.stdout.write(`${JSON.stringify({ id, roles, createdAt, revokedAt: revokedAt ?? null })}\n`);
      }
    });
  keys
    .command('revoke')
    .description('revoke a key; a running service stops accepting it within seconds')
    .requiredOption('--id <id>', 'the key id')
    .option('--file <path>', 'the keys file (default: API_KEYS_FILE, else DATA_DIR/keys.json)')
    .action(async (flags: { id: string; file?: string }) => {
      const path = fileOf(flags.file);
      const before = readKeysFile(path);
      const key = before.keys.find((k) => k.id === flags.id && !k.revokedAt);
      if (!key) throw new KeysFileError(`--id: no active key ${flags.id} in ${path}`);
      const revokedAt = new Date().toISOString();
      const after: KeysFile = { version: 1, keys: before.keys.map((k) => (k === key ? { ...k, revokedAt } : k)) };
      await changeKeys(path, before, after, 'keys.revoke', { id: flags.id });
      process.stdout.write(`${JSON.stringify({ revoked: flags.id, revokedAt })}\n`);
    });
}
