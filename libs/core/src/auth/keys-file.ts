import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { checkKeysFile, type KeysFile, KeysFileError } from './api-keys.js';

/** The keys file: API_KEYS_FILE, else DATA_DIR/keys.json. */
export const keysFilePath = (apiKeysFile: string | undefined | null, dataDir: string): string =>
  resolve(apiKeysFile || join(dataDir, 'keys.json'));

/** Reads the keys file; a missing file is an empty one. Throws KeysFileError when it is malformed. */
export function readKeysFile(path: string): KeysFile {
  if (!existsSync(path)) return { version: 1, keys: [] };
  const text = readFileSync(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new KeysFileError(`${path}: not JSON: ${(error as Error).message}`);
  }
  return checkKeysFile(parsed, path);
}

/** Replaces the keys file atomically (write, then rename), readable by its owner only. */
export function writeKeysFile(path: string, file: KeysFile): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}
