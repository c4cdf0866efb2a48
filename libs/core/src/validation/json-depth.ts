/** Deepest nesting of objects and arrays an event may have (its deepest real field is 3 levels down). */
export const MAX_EVENT_DEPTH = 32;

interface Node {
  value: unknown;
  depth: number;
  key: string | number;
  parent: Node | null;
}

/**
 * The path of the first object or array nested deeper than `limit` levels (the value itself
 * is level 1), or null. Iterative, so any depth is measured without using the call stack that
 * class-transformer overflows on.
 */
export function tooDeepPath(value: unknown, limit: number): string | null {
  if (typeof value !== 'object' || value === null) return null;
  // Nearly every body is shallow: measure without allocating, and name the path only when needed.
  return withinDepth(value, limit) ? null : firstTooDeep(value, limit);
}

function withinDepth(root: object, limit: number): boolean {
  const values: object[] = [root];
  const depths: number[] = [1];
  while (values.length > 0) {
    const value = values.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return false;
    if (Array.isArray(value)) {
      for (const child of value) {
        if (typeof child === 'object' && child !== null) {
          values.push(child);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const child = (value as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) {
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return true;
}

function firstTooDeep(value: object, limit: number): string | null {
  const stack: Node[] = [{ value, depth: 1, key: '$', parent: null }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.depth > limit) return pathOf(node);
    const children = Array.isArray(node.value) ? node.value.entries() : Object.entries(node.value as object);
    for (const [key, child] of children) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: node.depth + 1, key, parent: node });
    }
  }
  return null;
}

function pathOf(node: Node): string {
  const keys: Array<string | number> = [];
  for (let n: Node | null = node; n && n.parent; n = n.parent) keys.unshift(n.key);
  return keys.reduce<string>((path, key) => (typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`), '') || '$';
}
