import { notFoundError, ValueTakenError } from '../common/errors/domain-error';

export enum DepartmentErrorCode {
  NotFound = 'DEPARTMENT_NOT_FOUND',
  SlugTaken = 'DEPARTMENT_SLUG_TAKEN',
}

export class DepartmentNotFoundError extends notFoundError(DepartmentErrorCode.NotFound, 'department') {}

export class DepartmentSlugTakenError extends ValueTakenError {
  constructor(slug: string) {
    super(DepartmentErrorCode.SlugTaken, `A department with slug ${JSON.stringify(slug)} already exists`, 'slug', 'department');
  }
}
