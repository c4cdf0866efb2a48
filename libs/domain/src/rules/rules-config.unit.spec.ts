import { ceilShare, checkRules, DEFAULT_RULES, defaultRules, type RulesConfig, rulesVersion } from './rules-config.js';

const rules = defaultRules('USD');

describe('rulesVersion', () => {
  it('is a 16-hex-digit hash that does not depend on key order', () => {
    const reversed = Object.fromEntries(Object.entries(rules).reverse()) as unknown as RulesConfig;
    expect(Object.keys(reversed)[0]).toBe('baseCurrency');
    expect(rulesVersion(reversed)).toBe(rulesVersion(rules));
    expect(rulesVersion(rules)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('is the same for equal configurations built separately', () => {
    expect(rulesVersion(defaultRules('USD'))).toBe(rulesVersion({ ...DEFAULT_RULES, baseCurrency: 'USD' }));
  });

  it.each(Object.keys(rules) as Array<keyof RulesConfig>)('changes when %s changes', (key) => {
    const value = rules[key];
    const changed = { ...rules, [key]: typeof value === 'number' ? value + 1 : key === 'baseCurrency' ? 'EUR' : '0.5' };
    expect(rulesVersion(changed)).not.toBe(rulesVersion(rules));
  });
});

describe('checkRules', () => {
  it('accepts the defaults', () => {
    expect(checkRules(rules)).toEqual([]);
  });

  it('names each bad integer with its value', () => {
    expect(checkRules({ ...rules, newCustomerDays: -1, windowDays: 1.5 })).toEqual([
      'newCustomerDays: must be an integer >= 0 (got -1)',
      'windowDays: must be an integer >= 0 (got 1.5)',
    ]);
  });

  it.each(['1.5', '2', '.5', '0.1x', '-0.1', ''])('rejects the share %p', (share) => {
    expect(checkRules({ ...rules, keyShare: share })).toEqual([
      `keyShare: must be a decimal in [0, 1] such as 0.05 (got ${share})`,
    ]);
  });

  it.each(['0', '1', '1.00', '0.333'])('accepts the share %p when ordered', (share) => {
    expect(checkRules({ ...rules, vipShare: share, keyShare: share, standardShare: share })).toEqual([]);
  });

  it('requires vipShare <= keyShare <= standardShare', () => {
    expect(checkRules({ ...rules, vipShare: '0.10', keyShare: '0.05' })).toEqual(['shares: must satisfy vipShare <= keyShare <= standardShare']);
  });

  it('requires atRiskAfterDays <= inactiveAfterDays <= churnAfterDays', () => {
    expect(checkRules({ ...rules, inactiveAfterDays: 300 })).toEqual(['days: must satisfy atRiskAfterDays <= inactiveAfterDays <= churnAfterDays']);
  });

  it('requires an ISO-4217 style base currency', () => {
    expect(checkRules({ ...rules, baseCurrency: 'usd' })).toEqual(['baseCurrency: must be an ISO-4217 code (got usd)']);
  });
});

describe('ceilShare', () => {
  it('is exact where IEEE doubles overshoot', () => {
    expect(Math.ceil(0.07 * 100)).toBe(8); // 7.000000000000001 in doubles
    expect(ceilShare('0.07', 100)).toBe(7);
    expect(ceilShare('0.14', 100)).toBe(14);
  });

  it.each([
    ['0.01', 300, 3],
    ['0.05', 20, 1],
    ['0.20', 5, 1],
    ['0.01', 1, 1],
    ['0.01', 100, 1],
    ['0.01', 101, 2],
    ['0.05', 21, 2],
    ['0.20', 21, 5],
    ['0.01', 0, 0],
    ['0', 50, 0],
    ['1', 7, 7],
    ['1.0', 7, 7],
  ])('ceil(%s · %i) = %i', (share, n, expected) => {
    expect(ceilShare(share, n)).toBe(expected);
  });
});
