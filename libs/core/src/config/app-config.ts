import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { checkRules, defaultRules, type RulesConfig } from '@lifecycle/domain';
import { loadWebhookConfig, type WebhookConfig } from '../integration/webhooks/webhook-config.js';
import { esdbConnectionStringProblem } from '@lifecycle/event-store';

/** The environment the service reads; every value is checked at start. */
class Environment {
  @IsOptional() @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  @IsOptional() @IsString()
  HOST?: string;

  @IsOptional() @IsString()
  DATA_DIR?: string;

  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'BASE_CURRENCY must be an ISO-4217 code such as USD' })
  BASE_CURRENCY?: string;

  @IsOptional() @Matches(/^esdb(\+discover)?:\/\//, { message: 'EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover:// (what @eventstore/db-client accepts)' })
  EVENTSTORE_CONNECTION_STRING?: string;

  @IsOptional() @Matches(/^mongodb(\+srv)?:\/\//, { message: 'MONGODB_URI must start with mongodb:// or mongodb+srv://' })
  MONGODB_URI?: string;

  @IsOptional() @IsString()
  RULES_FILE?: string;

  @IsOptional() @IsString()
  RULES?: string;

  @IsOptional() @IsIn(['on', 'off'])
  CLOCK_SCHEDULER?: 'on' | 'off';

  @IsOptional() @IsIn(['on', 'off'])
  PROJECTOR?: 'on' | 'off';

  @IsOptional() @IsInt() @Min(1) @Max(100_000)
  PROJECTOR_BATCH_SIZE?: number;

  @IsOptional() @IsInt() @Min(1)
  REBUILD_MEMORY_MB?: number;

  @IsOptional() @IsIn(['refuse', 'auto'])
  PROJECTION_REBUILD?: 'refuse' | 'auto';

  @IsOptional() @IsInt() @Min(0)
  READY_MAX_LAG_EVENTS?: number;

  @IsOptional() @IsInt() @Min(0) @Max(65535)
  METRICS_PORT?: number;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional() @IsIn(['json', 'pretty'])
  LOG_FORMAT?: string;
  @IsOptional() @IsString()
  API_KEYS_FILE?: string;

  @IsOptional() @IsString()
  CORS_ORIGINS?: string;

  @IsOptional() @IsInt() @Min(1) @Max(1_000_000)
  CLOCK_ADVANCE_MAX_TICKS?: number;

  @IsOptional() @IsInt() @Min(0) @Max(10_000_000) RATE_LIMIT_INGEST?: number;
  @IsOptional() @IsInt() @Min(0) @Max(10_000_000) RATE_LIMIT_QUERY?: number;
  @IsOptional() @IsInt() @Min(0) @Max(10_000_000) RATE_LIMIT_AUDIT?: number;
  @IsOptional() @IsInt() @Min(0) @Max(10_000_000) RATE_LIMIT_ADMIN?: number;
  @IsOptional() @IsInt() @Min(0) @Max(10_000_000) RATE_LIMIT_METRICS?: number;
  @IsOptional() @IsInt() @Min(0) @Max(10_000_000) RATE_LIMIT_UNAUTHENTICATED?: number;
  @IsOptional() @IsInt() @Min(1_000) @Max(3_600_000) RATE_LIMIT_WINDOW_MS?: number;
}

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  eventStoreConnectionString: string | null;
  mongodbUri: string | null;
  rules: RulesConfig;
  clockScheduler: boolean;
  projector: boolean;
  projectorBatchSize: number;
  /** A rebuild from position 0 folds in memory and flushes to the read model past this many MiB (estimated). */
  rebuildMemoryMb: number;
  /** What the projector does when the read model was built with other rules: refuse to start, or rebuild. */
  projectionRebuild: 'refuse' | 'auto';
  /** Follow a switch of the served projection version made by another process (off in the CLI). */
  followProjectionVersions: boolean;
  /** /health/ready answers 503 while the projection lags the log by more events than this. */
  readyMaxLagEvents: number;
  /** apps/projector serves /metrics on this port (0: any free port). */
  metricsPort: number;
  /** Webhook delivery (WEBHOOK_* variables). */
  webhooks: WebhookConfig;
  /** The API keys file (API_KEYS_FILE, else DATA_DIR/keys.json). */
  apiKeysFile: string;
  /** Origins allowed by CORS; empty = CORS off. */
  corsOrigins: string[];
  /** Most DayEnded ticks one POST /admin/clock/advance may append. */
  clockAdvanceMaxTicks: number;
  /** Requests per window per key, by role (a key gets its roles' highest), and per address without a valid key; 0 = unlimited. */
  rateLimits: { ingest: number; query: number; audit: number; admin: number; metrics: number; unauthenticated: number; windowMs: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const NUMERIC = ['PORT', 'PROJECTOR_BATCH_SIZE', 'REBUILD_MEMORY_MB', 'READY_MAX_LAG_EVENTS', 'METRICS_PORT', 'CLOCK_ADVANCE_MAX_TICKS', 'RATE_LIMIT_INGEST', 'RATE_LIMIT_QUERY',
  'RATE_LIMIT_AUDIT', 'RATE_LIMIT_ADMIN', 'RATE_LIMIT_METRICS', 'RATE_LIMIT_UNAUTHENTICATED', 'RATE_LIMIT_WINDOW_MS'];

/**
 * Reads and checks the configuration from the environment. Rule values (spec section 8)
 * override the defaults from RULES_FILE (a JSON file), then RULES (inline JSON); the base
 * currency comes from BASE_CURRENCY. Throws ConfigError listing every bad value.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || value === '') continue;
    raw[key] = NUMERIC.includes(key) && /^-?\d+$/.test(value) ? Number(value) : value;
  }
  const parsed = plainToInstance(Environment, raw);
  const invalid = validateSync(parsed, { whitelist: true });
  // One line per variable: its first failed constraint (PORT=abc fails IsInt, Min and Max).
  const firstMessage = (c: Record<string, string>) => c.isInt ?? c.isIn ?? c.matches ?? c.isString ?? Object.values(c)[0];
  const problems = invalid.map((e) => `${e.property}: ${firstMessage(e.constraints ?? {})} (got ${JSON.stringify(e.value)})`);
  const badCurrency = invalid.some((e) => e.property === 'BASE_CURRENCY');
  const esdbProblem = problems.some((p) => p.startsWith('EVENTSTORE_CONNECTION_STRING')) || !parsed.EVENTSTORE_CONNECTION_STRING
    ? null : esdbConnectionStringProblem(parsed.EVENTSTORE_CONNECTION_STRING);
  if (esdbProblem) problems.push(`EVENTSTORE_CONNECTION_STRING: ${esdbProblem}`);
  let rules = defaultRules(badCurrency ? 'USD' : (parsed.BASE_CURRENCY ?? 'USD'));
  const sources: Array<[string, () => string]> = [];
  if (parsed.RULES_FILE) sources.push(['RULES_FILE', () => readFileSync(resolve(parsed.RULES_FILE as string), 'utf8')]);
  if (parsed.RULES) sources.push(['RULES', () => parsed.RULES as string]);
  for (const [name, read] of sources) {
    try {
      const overrides = JSON.parse(read()) as Partial<RulesConfig>;
      const unknown = Object.keys(overrides).filter((key) => !(key in rules));
      if (unknown.length > 0) problems.push(`${name}: unknown rule(s) ${unknown.join(', ')}`);
      rules = { ...rules, ...normaliseShares(overrides) };
    } catch (error) {
      problems.push(`${name}: not a JSON object of rule values: ${(error as Error).message}`);
    }
  }
  problems.push(...checkRules(rules).map((p) => `rules.${p}`));
  const webhooks = loadWebhookConfig(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: parsed.PORT ?? 3000,
    host: parsed.HOST ?? '127.0.0.1',
    dataDir: resolve(parsed.DATA_DIR ?? './data'),
    eventStoreConnectionString: parsed.EVENTSTORE_CONNECTION_STRING ?? null,
    mongodbUri: parsed.MONGODB_URI ?? null,
    rules,
    clockScheduler: (parsed.CLOCK_SCHEDULER ?? 'on') === 'on',
    projector: (parsed.PROJECTOR ?? 'on') === 'on',
    projectorBatchSize: parsed.PROJECTOR_BATCH_SIZE ?? 5000,
    rebuildMemoryMb: parsed.REBUILD_MEMORY_MB ?? 1024,
    projectionRebuild: parsed.PROJECTION_REBUILD ?? 'refuse',
    followProjectionVersions: true,
    readyMaxLagEvents: parsed.READY_MAX_LAG_EVENTS ?? 10_000,
    metricsPort: parsed.METRICS_PORT ?? 9464,
    webhooks,
    apiKeysFile: resolve(parsed.API_KEYS_FILE ?? join(parsed.DATA_DIR ?? './data', 'keys.json')),
    corsOrigins: (parsed.CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
    clockAdvanceMaxTicks: parsed.CLOCK_ADVANCE_MAX_TICKS ?? 3660,
    rateLimits: {
      ingest: parsed.RATE_LIMIT_INGEST ?? 60_000,
      query: parsed.RATE_LIMIT_QUERY ?? 60_000,
      audit: parsed.RATE_LIMIT_AUDIT ?? 6_000,
      admin: parsed.RATE_LIMIT_ADMIN ?? 120,
      metrics: parsed.RATE_LIMIT_METRICS ?? 600,
      unauthenticated: parsed.RATE_LIMIT_UNAUTHENTICATED ?? 60,
      windowMs: parsed.RATE_LIMIT_WINDOW_MS ?? 60_000,
    },
  };
}

/** Shares may be given as JSON numbers; keep their decimal text so ceil(share·N) stays exact. */
function normaliseShares(overrides: Partial<RulesConfig>): Partial<RulesConfig> {
  const result: Record<string, unknown> = { ...overrides };
  for (const key of ['vipShare', 'keyShare', 'standardShare']) {
    if (typeof result[key] === 'number') result[key] = String(result[key]);
  }
  return result as Partial<RulesConfig>;
}
