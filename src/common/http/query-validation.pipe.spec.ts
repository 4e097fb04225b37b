import { IsInt, IsOptional, IsString, Max, MinLength } from 'class-validator';
import { Type } from 'class-transformer';
import { validationExceptionFactory } from '../errors/validation';
import { RememberingValidationPipe } from './query-validation.pipe';

class ListQuery {
  @IsString() @MinLength(2) q: string;
  @IsOptional() @Type(() => Number) @IsInt() @Max(50) limit?: number;
}

describe('RememberingValidationPipe', () => {
  const pipe = new RememberingValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: validationExceptionFactory,
  });
  const asQuery = (value: Record<string, string>) => pipe.transform(value, { type: 'query', metatype: ListQuery });

  it('gives each request its own DTO, transformed as the first time', async () => {
    const first = (await asQuery({ q: 'paspoort', limit: '5' })) as ListQuery;
    first.limit = 99;
    const again = (await asQuery({ q: 'paspoort', limit: '5' })) as ListQuery;
    expect(again).toBeInstanceOf(ListQuery);
    expect(again).toEqual({ q: 'paspoort', limit: 5 });
  });

  it('refuses a refused query again, with the same problems', async () => {
    for (let i = 0; i < 2; i++)
      await expect(asQuery({ q: 'p', limit: '500', extra: 'x' })).rejects.toMatchObject({
        fields: expect.arrayContaining([
          expect.objectContaining({ field: 'q', code: 'MIN_LENGTH' }),
          expect.objectContaining({ field: 'limit', code: 'MAX' }),
          expect.objectContaining({ field: 'extra', code: 'UNKNOWN_FIELD' }),
        ]),
      });
  });
});
