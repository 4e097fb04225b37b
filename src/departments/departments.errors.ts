import { DomainError } from '../common/errors/domain-error';

export enum DepartmentErrorCode {
  NotFound = 'DEPARTMENT_NOT_FOUND',
  SlugTaken = 'DEPARTMENT_SLUG_TAKEN',
}

export class DepartmentNotFoundError extends DomainError {
  constructor(ref: string) {
    super('not_found', DepartmentErrorCode.NotFound, `No department ${JSON.stringify(ref)}`);
  }
}

export class DepartmentSlugTakenError extends DomainError {
  constructor(slug: string) {
    super('conflict', DepartmentErrorCode.SlugTaken, `A department with slug ${JSON.stringify(slug)} already exists`, {}, [
      { field: 'slug', code: 'TAKEN', message: 'is already used by another department' },
    ]);
  }
}
