import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { CommandBus } from '@nestjs/cqrs';
import { KEY_ID_PATTERN, KeysFileError, keysFilePath, loadConfig, parseRoles, readKeysFile } from '@lifecycle/core';
import { CreateApiKeyCommand, RevokeApiKeyCommand } from '@lifecycle/core/nest';
import { withContext } from '../cli-context.js';

/** Who runs the CLI, for the admin audit stream (the CLI holds no key). */
export const cliActor = (): string => `cli:${userInfo().username}`;

const fileOf = (file: string | undefined): string => {
  const config = loadConfig();
  return file ? keysFilePath(file, config.dataDir) : config.apiKeysFile;
};

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
      const key = await withContext((context) => context.get(CommandBus).execute(new CreateApiKeyCommand(path, flags.id, roles, cliActor())));
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
      const revokedAt = await withContext((context) => context.get(CommandBus).execute(new RevokeApiKeyCommand(path, flags.id, cliActor())));
      process.stdout.write(`${JSON.stringify({ revoked: flags.id, revokedAt })}\n`);
    });
}
