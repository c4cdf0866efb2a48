import type { ReadModelStore } from './read-model.port.js';
import { createSwitchableReadModel } from './switchable-read-model.js';

const storeAnswering = (name: string): ReadModelStore =>
  ({ getProfile: async (id: string) => ({ customerId: id, from: name }), close: async () => undefined }) as unknown as ReadModelStore;

describe('switchable read model', () => {
  it('forwards every call to the store of the served version, and to the new one after a switch', async () => {
    const first = storeAnswering('v1');
    const second = storeAnswering('v2');
    const model = createSwitchableReadModel('v1', first);
    expect(await model.getProfile('ada')).toEqual({ customerId: 'ada', from: 'v1' });
    expect(model.version).toBe('v1');
    expect(model.switchTo('v2', second)).toBe(first);
    expect(model.version).toBe('v2');
    expect(model.current).toBe(second);
    expect(await model.getProfile('ada')).toEqual({ customerId: 'ada', from: 'v2' });
  });
});
