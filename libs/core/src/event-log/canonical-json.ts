/**
 * JSON with object keys sorted at every level, so equal values hash equally. Written straight
 * into one string: stored chain hashes are verified against this text, so it must stay byte for
 * byte what the first version wrote (`canonical-json-reference.ts`, kept for the property test):
 * own enumerable keys sorted by UTF-16 code units, undefined-valued keys left out, an array's
 * undefined items written as nothing, everything else as `JSON.stringify` writes it.
 */
export function canonicalJson(value: unknown): string {
  return typeof value === 'object' && value !== null ? writeObject(value) : (JSON.stringify(value) as string);
}

/** The canonical JSON of an object without some of its keys, as if they were not there. */
export const canonicalJsonWithout = (value: object, leftOut: readonly string[]): string =>
  writeObject(Array.isArray(value) ? { ...value } : value, leftOut);

/** Keys quoted once: envelopes repeat a few dozen keys; the memory stops growing at KEY_CACHE_LIMIT. */
const KEY_CACHE_LIMIT = 10_000;
const quotedKeys = new Map<string, string>();
function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key) + ':';
    if (quotedKeys.size < KEY_CACHE_LIMIT) quotedKeys.set(key, quoted);
  }
  return quoted;
}

function writeObject(value: object, leftOut?: readonly string[]): string {
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const item: unknown = value[i];
      if (typeof item === 'object' && item !== null) out += writeObject(item);
      else {
        const text = JSON.stringify(item) as string | undefined;
        if (text !== undefined) out += text;
      }
    }
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length > 1) keys.sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined || leftOut?.includes(key)) continue;
    if (first) first = false;
    else out += ',';
    out += quotedKey(key);
    // A function or symbol value writes `undefined`, as the first version's template did.
    out += typeof item === 'object' && item !== null ? writeObject(item) : (JSON.stringify(item) as string);
  }
  return out + '}';
}
