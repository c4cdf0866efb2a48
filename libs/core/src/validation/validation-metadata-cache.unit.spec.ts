import { getMetadataStorage, IsString, MetadataStorage, validateSync } from 'class-validator';
import { MoneyDto } from './dto/money.dto.js';
import { cacheValidationMetadata } from './validation-metadata-cache.js';

const uncached = (target: Function, always = false) =>
  MetadataStorage.prototype.getTargetValidationMetadatas.call(getMetadataStorage(), target, '', always, false, undefined);

describe('cacheValidationMetadata', () => {
  cacheValidationMetadata();
  const storage = getMetadataStorage();

  it('answers what the storage computes, once per class and options', () => {
    const first = storage.getTargetValidationMetadatas(MoneyDto, '', false, false, undefined);
    expect(storage.getTargetValidationMetadatas(MoneyDto, '', false, false, undefined)).toBe(first);
    expect(first).toEqual(uncached(MoneyDto));
    expect(first.map((m) => m.propertyName).sort()).toEqual(['amountMinor', 'baseAmountMinor', 'currency']);
    expect(storage.getTargetValidationMetadatas(MoneyDto, '', true, false, undefined)).toEqual(uncached(MoneyDto, true));
    expect(storage.groupByPropertyName(first)).toBe(storage.groupByPropertyName(first));
  });

  it('forgets when a class is decorated afterwards', () => {
    class Late {
      name?: unknown;
    }
    expect(storage.getTargetValidationMetadatas(Late, '', false, false, undefined)).toEqual([]);
    IsString()(Late.prototype, 'name');
    expect(storage.getTargetValidationMetadatas(Late, '', false, false, undefined).map((m) => m.propertyName)).toEqual(['name']);
    const late = Object.assign(new Late(), { name: 3 });
    expect(validateSync(late).map((e) => e.property)).toEqual(['name']);
  });
});
