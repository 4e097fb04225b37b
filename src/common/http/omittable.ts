import { ValidateIf } from 'class-validator';

/**
 * The property may be left out, but when it is sent it must be valid, `null` included. (`@IsOptional`
 * also waves `null` through, which then crashes code that rightly expects the declared type.) Keep
 * `@IsOptional` for properties where `null` means something, such as clearing a value.
 */
export const IsOmittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
