import 'reflect-metadata';
import { Type, type TypeHelpOptions } from 'class-transformer';
import { IsArray, IsObject, ValidateNested } from 'class-validator';
import { composeDecorators } from './field.validators.js';

type DtoClass = new () => object;

/** A required nested object validated as `type` (which may depend on the parent plain object). */
export const NestedObject = (type: (options?: TypeHelpOptions) => DtoClass): PropertyDecorator =>
  composeDecorators(
    IsObject({ message: 'must be an object' }),
    ValidateNested({ message: 'must be an object' }),
    Type(type),
  );

/** An array whose items are validated as `type`; a non-object item fails at `path.<index>`. */
export const NestedArray = (type: () => DtoClass): PropertyDecorator =>
  composeDecorators(
    IsArray({ message: 'must be an array' }),
    ValidateNested({ each: true, message: 'must be an object' }),
    Type(type),
  );
