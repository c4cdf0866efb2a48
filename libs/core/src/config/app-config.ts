import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { checkRules, defaultRules, type RulesConfig } from '@lifecycle/domain';

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

  @IsOptional() @Matches(/^(esdb|kurrentdb|kdb)(\+discover)?:\/\//, { message: 'EVENTSTORE_CONNECTION_STRING must start with esdb:// (or kurrentdb://)' })
  EVENTSTORE_CONNECTION_STRING?: string;

  @IsOptional() @Matches(/^mongodb(\+srv)?:\/\//, { message: 'MONGODB_URI must start with mongodb:// or mongodb+srv://' })
  MONGODB_URI?: string;

  @IsOptional() @IsString()
  RULES_FILE?: string;

  @IsOptional() @IsIn(['on', 'off'])
  CLOCK_SCHEDULER?: 'on' | 'off';

  @IsOptional() @IsIn(['on', 'off'])
  PROJECTOR?: 'on' | 'off';

  @IsOptional() @IsInt() @Min(1) @Max(100_000)
  PROJECTOR_BATCH_SIZE?: number;
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
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const NUMERIC = ['PORT', 'PROJECTOR_BATCH_SIZE'];

/**
 * Reads and checks the configuration from the environment (and RULES_FILE, a JSON object of
 * rule values overriding the defaults of spec section 8). Throws ConfigError listing every bad value.
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
  let rules = defaultRules(parsed.BASE_CURRENCY ?? 'USD');
  if (parsed.RULES_FILE) {
    try {
      const overrides = JSON.parse(readFileSync(resolve(parsed.RULES_FILE), 'utf8')) as Partial<RulesConfig>;
      rules = { ...rules, ...normaliseShares(overrides) };
    } catch (error) {
      problems.push(`RULES_FILE: cannot read ${parsed.RULES_FILE}: ${(error as Error).message}`);
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
