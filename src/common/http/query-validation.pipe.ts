import { ArgumentMetadata, Type, ValidationPipe } from '@nestjs/common';
import { BoundedMap } from '../memo/bounded-map';

/** Query strings remembered per query DTO; past this many, the oldest goes first. */
const MAX_REMEMBERED = 10_000;

/**
 * The ValidationPipe, remembering the DTO it made of a query string it accepted: the werkplek asks
 * the same searches thousands of times a day, and transforming and validating the same few
 * parameters again was a tenth of the CPU of a cached search. Only flat queries (every value a
 * string) are remembered; a refused one never is, so every error answer is worked out as before.
 * Query DTOs validate their own fields only (no database, no other input), so the same string always
 * gives the same DTO; each request gets its own copy.
 */
export class RememberingValidationPipe extends ValidationPipe {
  private readonly accepted = new Map<Type, Map<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    if (metadata.type !== 'query' || !metatype || !isFlatStrings(value)) return super.transform(value, metadata);
    const key = JSON.stringify(value);
    let remembered = this.accepted.get(metatype);
    const known = remembered?.get(key);
    if (known) return copyOf(known);
    const dto: unknown = await super.transform(value, metadata);
    if (!(dto instanceof metatype)) return dto;
    if (!remembered) this.accepted.set(metatype, (remembered = new BoundedMap<string, object>(MAX_REMEMBERED)));
    remembered.set(key, copyOf(dto as object));
    return dto;
  }
}

const isFlatStrings = (value: unknown): value is Record<string, string> =>
  value !== null && typeof value === 'object' && Object.values(value).every((v) => typeof v === 'string');

/** A DTO of its own: same class, same fields, arrays (a split list) copied too. */
function copyOf<T extends object>(dto: T): T {
  const copy = Object.create(Object.getPrototypeOf(dto) as object) as Record<string, unknown>;
  for (const [field, value] of Object.entries(dto)) copy[field] = Array.isArray(value) ? [...(value as unknown[])] : value;
  return copy as T;
}
