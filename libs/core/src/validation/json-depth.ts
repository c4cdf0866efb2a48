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
