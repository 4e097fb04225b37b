import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '../common/errors/postgres-errors';
import { slugify } from '../common/http/slug';
import { normaliseEmail } from '../users/users.service';
import { Department } from './department.entity';
import { DepartmentNotFoundError, DepartmentSlugTakenError } from './departments.errors';
import { CreateDepartmentDto, UpdateDepartmentDto } from './dto/department.dto';
import { ReviewTermSettings, reviewTermProblems } from './review-terms';
import { ValidationFailedError } from '../common/errors/domain-error';

/** The review terms after applying `dto` (null resets a term to the default); 400 when they do not fit together. */
function checkedReviewTerms(current: ReviewTermSettings, dto: Partial<ReviewTermSettings>): ReviewTermSettings {
  const next: ReviewTermSettings = {
    reviewUpcomingDays: dto.reviewUpcomingDays !== undefined ? dto.reviewUpcomingDays : current.reviewUpcomingDays,
    reviewOverdueDays: dto.reviewOverdueDays !== undefined ? dto.reviewOverdueDays : current.reviewOverdueDays,
    reviewEscalationDays: dto.reviewEscalationDays !== undefined ? dto.reviewEscalationDays : current.reviewEscalationDays,
  };
  const problems = reviewTermProblems(next);
  if (problems.length > 0) throw new ValidationFailedError(problems);
  return next;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class DepartmentsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<Department[]> {
    return this.dataSource.getRepository(Department).find({ order: { name: 'ASC' } });
  }

  /** By id or slug. */
  async get(ref: string, manager: EntityManager = this.dataSource.manager): Promise<Department> {
    const department = await this.find(ref, manager);
    if (!department) throw new DepartmentNotFoundError(ref);
    return department;
  }

  find(ref: string, manager: EntityManager = this.dataSource.manager): Promise<Department | null> {
    const repo = manager.getRepository(Department);
    return UUID.test(ref) ? repo.findOneBy({ id: ref }) : repo.findOneBy({ slug: ref });
  }

  async create(dto: CreateDepartmentDto, manager: EntityManager = this.dataSource.manager): Promise<Department> {
    const repo = manager.getRepository(Department);
    try {
      return await repo.save(
        repo.create({
          slug: dto.slug,
          name: dto.name.trim(),
          contactEmail: dto.contactEmail ? normaliseEmail(dto.contactEmail) : '',
          coordinators: (dto.coordinators ?? []).map(normaliseEmail),
          reviewIntervalDays: dto.reviewIntervalDays ?? null,
          ...checkedReviewTerms({ reviewUpcomingDays: null, reviewOverdueDays: null, reviewEscalationDays: null }, dto),
          allowSelfApproval: dto.allowSelfApproval ?? false,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new DepartmentSlugTakenError(dto.slug);
      throw error;
    }
  }

  async update(ref: string, dto: UpdateDepartmentDto): Promise<Department> {
    return this.dataSource.transaction(async (manager) => {
      const department = await this.get(ref, manager);
      const repo = manager.getRepository(Department);
      if (dto.name !== undefined) department.name = dto.name.trim();
      if (dto.contactEmail !== undefined) department.contactEmail = normaliseEmail(dto.contactEmail);
      if (dto.coordinators !== undefined) department.coordinators = dto.coordinators.map(normaliseEmail);
      if (dto.reviewIntervalDays !== undefined) department.reviewIntervalDays = dto.reviewIntervalDays;
      if (dto.allowSelfApproval !== undefined) department.allowSelfApproval = dto.allowSelfApproval;
      Object.assign(department, checkedReviewTerms(department, dto));
      return repo.save(department);
    });
  }

  /** Finds a department by slug or (case-insensitive) name, creating it when an import names a new one. */
  async findOrCreateByName(nameOrSlug: string, manager: EntityManager): Promise<Department> {
    const existing = await manager
      .getRepository(Department)
      .createQueryBuilder('d')
      .where('d.slug = :slug OR lower(d.name) = lower(:name)', { slug: slugify(nameOrSlug), name: nameOrSlug.trim() })
      .orderBy('d.slug = :slug', 'DESC')
      .getOne();
    if (existing) return existing;
    await manager.query(`INSERT INTO departments (slug, name, row_version) VALUES ($1, $2, 1) ON CONFLICT (slug) DO NOTHING`, [
      slugify(nameOrSlug),
      nameOrSlug.trim(),
    ]);
    return this.get(slugify(nameOrSlug), manager);
  }
}
