import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';

type DtoClass = new () => object;
type TypeFunction = (options: { newObject: object; object: Record<string, unknown>; property: string }) => DtoClass;

/**
 * The `@Type` function of each DTO property (decorators all run when the DTO modules load),
 * remembered for the first keys seen per DTO: unknown keys come from clients, so the memory is bounded.
 */
const MAX_REMEMBERED_KEYS = 64;
const typeFunctions = new Map<DtoClass, Map<string, TypeFunction | null>>();

function typeFunctionOf(type: DtoClass, key: string): TypeFunction | null {
  let ofType = typeFunctions.get(type);
  if (!ofType) typeFunctions.set(type, (ofType = new Map()));
  let found = ofType.get(key);
  if (found === undefined) {
    found = (defaultMetadataStorage.findTypeMetadata(type, key)?.typeFunction as TypeFunction | undefined) ?? null;
    if (ofType.size < MAX_REMEMBERED_KEYS) ofType.set(key, found);
  }
  return found;
}

const isFunction = (value: unknown): boolean => value instanceof Function;

/**
 * What `plainToInstance(type, plain)` builds from parsed JSON, for DTOs whose only
 * class-transformer decorator is `@Type`: a tree of DTO instances (the `@Type` of each
 * property, which may depend on the parent plain object), arrays item by item, untyped objects
 * as plain copies, other values as they are. Without class-transformer's general machinery
 * (exposure strategies, versions, maps, custom transforms) walked per property, which took a
 * third of the validation's time. `to-dto-instance.unit.spec.ts` compares the two.
 */
export function toDtoInstance<T extends object>(type: new () => T, plain: unknown): T {
  return transform(plain, type) as T;
}

function transform(value: unknown, type: DtoClass | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => transform(item, type));
  if (typeof value !== 'object' || value === null) return value;
  const source = value as Record<string, unknown>;
  const target = type ? new type() : {};
  const prototype = (target.constructor as { prototype?: object }).prototype;
  for (const key of Object.keys(source)) {
    if (key === '__proto__' || key === 'constructor') continue;
    // As class-transformer: never overwrite a method or a getter of the target.
    if (prototype) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
      if ((descriptor && !descriptor.set) || isFunction((target as Record<string, unknown>)[key])) continue;
    }
    const typeFunction = type ? typeFunctionOf(type, key) : null;
    const childType = typeFunction ? typeFunction({ newObject: target, object: source, property: key }) : undefined;
    const child = transform(source[key], childType);
    if (child !== undefined) (target as Record<string, unknown>)[key] = child;
  }
  return target;
}
