import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rulesVersion } from '@lifecycle/domain';
import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('defaults to the embedded stores, port 3000 and the spec rules in USD', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, eventStoreConnectionString: null, mongodbUri: null, clockScheduler: true, projector: true });
    expect(config.rules).toMatchObject({ baseCurrency: 'USD', newCustomerDays: 90, vipShare: '0.01' });
  });

  it('bounds a rebuild\'s memory by REBUILD_MEMORY_MB, 1024 by default, a positive integer', () => {
    expect(loadConfig({}).rebuildMemoryMb).toBe(1024);
    expect(loadConfig({ REBUILD_MEMORY_MB: '64' }).rebuildMemoryMb).toBe(64);
    expect(() => loadConfig({ REBUILD_MEMORY_MB: '0' })).toThrow(/REBUILD_MEMORY_MB/);
  });

  it('lists every bad value with its variable name', () => {
    const read = () => loadConfig({ PORT: 'abc', BASE_CURRENCY: 'usd', MONGODB_URI: 'http://x', CLOCK_SCHEDULER: 'maybe' });
    expect(read).toThrow(ConfigError);
    try {
      read();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'BASE_CURRENCY', 'MONGODB_URI', 'CLOCK_SCHEDULER']) expect(problems).toContain(name);
    }
  });

  it('overrides rules from RULES_FILE then RULES, checks them, and changes the rules version', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rules-')), 'rules.json');
    writeFileSync(file, JSON.stringify({ atRiskAfterDays: 60, vipShare: 0.02 }));
    const config = loadConfig({ RULES_FILE: file, RULES: '{"windowDays": 180}' });
    expect(config.rules).toMatchObject({ atRiskAfterDays: 60, vipShare: '0.02', windowDays: 180 });
    expect(rulesVersion(config.rules)).not.toBe(rulesVersion(loadConfig({}).rules));
    expect(() => loadConfig({ RULES: '{"atRiskAfterDays": 500}' })).toThrow(/atRiskAfterDays <= inactiveAfterDays/);
    expect(() => loadConfig({ RULES: '{"nope": 1}' })).toThrow(/unknown rule\(s\) nope/);
  });
});
