import { ValidationError } from 'class-validator';
import { FieldProblem, ValidationFailedError } from './domain-error';

/** Flattens class-validator's nested errors into `field` paths such as `sections.kosten`. */
export function toFieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [code, message] of Object.entries(error.constraints ?? {})) {
      problems.push({ field, code: toCode(code), message });
    }
    if (error.children?.length) problems.push(...toFieldProblems(error.children, field));
  }
  return problems;
}

// class-validator constraint names (isString, whitelistValidation) → stable codes (IS_STRING, UNKNOWN_FIELD).
function toCode(constraint: string): string {
  if (constraint === 'whitelistValidation') return 'UNKNOWN_FIELD';
  return constraint.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

export const validationExceptionFactory = (errors: ValidationError[]) => new ValidationFailedError(toFieldProblems(errors));
