import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { checkRules, defaultRules, type RulesConfig } from '@lifecycle/domain';
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

  @IsOptional() @IsIn(['refuse', 'auto'])
  PROJECTION_REBUILD?: 'refuse' | 'auto';
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
  /** What the projector does when the read model was built with other rules: refuse to start, or rebuild. */
  projectionRebuild: 'refuse' | 'auto';
  /** Follow a switch of the served projection version made by another process (off in the CLI). */
  followProjectionVersions: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const NUMERIC = ['PORT', 'PROJECTOR_BATCH_SIZE'];

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
  const problems = validateSync(parsed, { whitelist: true }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((message) => `${e.property}: ${message} (got ${JSON.stringify(e.value)})`),
  );
  const esdbProblem = problems.some((p) => p.startsWith('EVENTSTORE_CONNECTION_STRING')) || !parsed.EVENTSTORE_CONNECTION_STRING
    ? null : esdbConnectionStringProblem(parsed.EVENTSTORE_CONNECTION_STRING);
  if (esdbProblem) problems.push(`EVENTSTORE_CONNECTION_STRING: ${esdbProblem}`);
  let rules = defaultRules(parsed.BASE_CURRENCY ?? 'USD');
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
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: parsed.PORT ?? 3000,
    host: parsed.HOST ?? '0.0.0.0',
    dataDir: resolve(parsed.DATA_DIR ?? './data'),
    eventStoreConnectionString: parsed.EVENTSTORE_CONNECTION_STRING ?? null,
    mongodbUri: parsed.MONGODB_URI ?? null,
    rules,
    clockScheduler: (parsed.CLOCK_SCHEDULER ?? 'on') === 'on',
    projector: (parsed.PROJECTOR ?? 'on') === 'on',
    projectorBatchSize: parsed.PROJECTOR_BATCH_SIZE ?? 5000,
    projectionRebuild: parsed.PROJECTION_REBUILD ?? 'refuse',
    followProjectionVersions: true,
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
