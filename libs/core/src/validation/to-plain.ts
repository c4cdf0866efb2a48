/**
 * A validated DTO tree as plain JSON data: class instances become plain objects, and
 * null/undefined (absent optional fields) are dropped.
 */
export function toPlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map(toPlain) as T;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined && field !== null) out[key] = toPlain(field);
  }
  return out as T;
}
