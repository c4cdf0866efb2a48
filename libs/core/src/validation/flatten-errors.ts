import type { ValidationError } from 'class-validator';
import type { FieldError } from '../../../domain/src/rules/rejection.js';

/** class-validator's error tree as dotted-path field errors, depth first, one per field. */
export function flattenErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  collect(errors, parent, out);
  return out;
}

function collect(errors: readonly ValidationError[], parent: string, out: FieldError[]): void {
  for (const error of errors) {
    const path = error.property === undefined ? parent || '$' : parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) {
      // stopAtFirstError leaves one constraint per field
      for (const reason of Object.values(error.constraints)) {
        out.push({ path, reason });
        break;
      }
    }
    if (error.children?.length) collect(error.children, path, out);
  }
}
