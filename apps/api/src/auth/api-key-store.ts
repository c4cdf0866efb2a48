import { createHash } from 'node:crypto';
import { existsSync, type FSWatcher, statSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { activeKeys, type ApiKeyRecord, type AppConfig, ConfigError, readKeysFile, secretMatchesAsync, splitKey } from '@lifecycle/core';
import { APP_CONFIG } from '@lifecycle/core/nest';

/** How often the keys file is re-read even when no change was signalled (spec: at most 10 s). */
export const KEYS_POLL_MS = 5_000;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host) || /^::ffff:127\./.test(host);

/**
 * The API keys of the keys file, re-read on change (fs.watch on its folder, a poll, SIGHUP).
 * A presented key `<id>.<secret>` is checked against that one record's scrypt hash (off the
 * event loop); keys that verified are remembered by their SHA-256 until the next reload.
 */
@Injectable()
export class ApiKeyStore implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ApiKeys');
  private byId = new Map<string, ApiKeyRecord>();
  private verified = new Map<string, ApiKeyRecord>();
  private signature = '';
  private everHadKeys = false;
  private watcher: FSWatcher | null = null;
  private poll: NodeJS.Timeout | null = null;
  private readonly onHangup = (): void => this.reload('SIGHUP');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.reload();
  }

  onModuleInit(): void {
    const folder = dirname(this.config.apiKeysFile);
    if (existsSync(folder)) {
      try {
        // Not persistent: the HTTP server, not the watcher, keeps the process alive.
        this.watcher = watch(folder, { persistent: false }, (_event, name) => {
          if (name === null || name === basename(this.config.apiKeysFile)) this.reload();
        });
        this.watcher.on('error', () => undefined);
      } catch {
        // The poll below still sees changes.
      }
    }
    this.poll = setInterval(() => this.reload(), KEYS_POLL_MS);
    this.poll.unref();
    process.on('SIGHUP', this.onHangup);
  }

  onApplicationShutdown(): void {
    this.watcher?.close();
    if (this.poll) clearInterval(this.poll);
    process.off('SIGHUP', this.onHangup);
  }

  /** Without keys the service only serves while bound to a loopback address. */
  get open(): boolean {
    return !this.everHadKeys && this.byId.size === 0;
  }

  get count(): number {
    return this.byId.size;
  }

  /** Refuses a non-loopback bind without keys; says so when serving without keys. */
  checkBinding(host: string): void {
    if (!this.open) {
      this.logger.log(`${this.byId.size} API key(s) from ${this.config.apiKeysFile}; every route but the probes needs one`);
      return;
    }
    if (!isLoopback(host)) {
      throw new ConfigError([
        `HOST=${host} is not a loopback address and there are no API keys: set API_KEYS_FILE to a keys file (create one with \`keys create --id <id> --roles admin\`), or bind HOST=127.0.0.1`,
      ]);
    }
    this.logger.warn(`no API keys in ${this.config.apiKeysFile}: serving WITHOUT authentication because bound to loopback ${host} only`);
  }

  /** The record of a presented key, or null when it is unknown, malformed or revoked. */
  async verify(presented: string): Promise<ApiKeyRecord | null> {
    const digest = sha256(presented);
    const cached = this.verified.get(digest);
    if (cached) return cached;
    const parts = splitKey(presented);
    const record = parts ? this.byId.get(parts.id) : undefined;
    if (!parts || !record) return null;
    if (!(await secretMatchesAsync(parts.secret, record.hash))) return null;
    // A reload during the hash may have revoked it.
    if (this.byId.get(parts.id) !== record) return null;
    this.verified.set(digest, record);
    return record;
  }

  /** Re-reads the keys file when it changed; a malformed file keeps the previous keys (and says why). */
  reload(reason?: string): void {
    let signature = 'missing';
    try {
      const stat = statSync(this.config.apiKeysFile);
      signature = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      // No file: no keys.
    }
    if (signature === this.signature && reason === undefined) return;
    try {
      const keys = activeKeys(readKeysFile(this.config.apiKeysFile));
      this.byId = new Map(keys.map((k) => [k.id, k]));
      this.verified = new Map();
      this.signature = signature;
      if (keys.length > 0) this.everHadKeys = true;
    } catch (error) {
      this.logger.error(`keys file not reloaded, keeping the previous keys: ${(error as Error).message}`);
    }
  }
}
