import { ValidationFailedError } from '../common/errors/domain-error';
import { Department } from './department.entity';
import { DepartmentsService } from './departments.service';

/** A department named in a request (body or query): unknown is a 400 on that field, not a 404 of the resource. */
export async function departmentFromField(departments: DepartmentsService, ref: string, field = 'department'): Promise<Department> {
  const department = await departments.find(ref);
  if (!department)
    throw new ValidationFailedError([{ field, code: 'UNKNOWN_DEPARTMENT', message: `no department ${JSON.stringify(ref)}` }]);
  return department;
}

/** Ids of the departments an actor works for (slugs in the token), for filtering lists. */
export async function departmentIdsOf(departments: DepartmentsService, slugs: readonly string[]): Promise<string[]> {
  if (slugs.length === 0) return [];
  return (await departments.list()).filter((d) => slugs.includes(d.slug)).map((d) => d.id);
}
