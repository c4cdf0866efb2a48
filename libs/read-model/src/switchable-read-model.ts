import type { ReadModelStore } from './read-model.port.js';

export interface SwitchableReadModel extends ReadModelStore {
  readonly version: string;
  readonly current: ReadModelStore;
  /** Delegates every later call to `store`; returns the store it replaced (the caller closes it). */
  switchTo(version: string, store: ReadModelStore): ReadModelStore;
}

/**
 * The read model the service injects: it forwards every call to the store of the served
 * projection version, so a rebuild can swap the version under running queries and projectors.
 */
export function createSwitchableReadModel(version: string, initial: ReadModelStore): SwitchableReadModel {
  let current = initial;
  let currentVersion = version;
  const switchable = {
    get version() {
      return currentVersion;
    },
    get current() {
      return current;
    },
    switchTo(nextVersion: string, store: ReadModelStore) {
      const previous = current;
      current = store;
      currentVersion = nextVersion;
      return previous;
    },
  };
  return new Proxy(switchable, {
    get(target, key, receiver) {
      if (key in target) return Reflect.get(target, key, receiver) as unknown;
      const member = (current as unknown as Record<PropertyKey, unknown>)[key];
      return typeof member === 'function' ? (...args: unknown[]) => (member as (...a: unknown[]) => unknown).apply(current, args) : member;
    },
  }) as unknown as SwitchableReadModel;
}
