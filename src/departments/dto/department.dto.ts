import { ArrayMaxSize, IsBoolean, IsEmail, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsOmittable } from '../../common/http/omittable';
import { SLUG_PATTERN } from '../../common/http/slug';
import { OmitType, PartialType } from '@nestjs/swagger';
import { Department } from '../department.entity';

export class CreateDepartmentDto {
  /** URL-safe key, e.g. `burgerzaken` */
  @Matches(SLUG_PATTERN, { message: 'slug may contain lower-case letters, digits and single hyphens' })
  @MaxLength(80)
  slug: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsOmittable()
  @IsEmail()
  @MaxLength(320)
  contactEmail?: string;

  /** e-mail addresses of the department's coordinators */
  @IsOmittable()
  @ArrayMaxSize(50)
  @IsEmail({}, { each: true })
  coordinators?: string[];

  /** default review interval in days for the department's articles */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  reviewIntervalDays?: number | null;

  /** days before the review date that the first reminder goes out (DVO; default 14, 0: none) */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  reviewUpcomingDays?: number | null;

  /** days after the review date that a review counts as overdue (DVO; default 7) */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  reviewOverdueDays?: number | null;

  /** days after the review date that it is escalated to the coordinators and the kennisregisseur (DVO; default 21) */
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(730)
  reviewEscalationDays?: number | null;

  @IsOmittable()
  @IsBoolean()
  allowSelfApproval?: boolean;
}

/** Every field but the slug (the department's key), all optional; `null` only where it clears a value. */
export class UpdateDepartmentDto extends PartialType(OmitType(CreateDepartmentDto, ['slug'] as const), { skipNullProperties: false }) {}

export class DepartmentResponse {
  id: string;
  slug: string;
  name: string;
  contactEmail: string;
  coordinators: string[];
  reviewIntervalDays: number | null;
  reviewUpcomingDays: number | null;
  reviewOverdueDays: number | null;
  reviewEscalationDays: number | null;
  allowSelfApproval: boolean;
  createdAt: string;
  updatedAt: string;
}

export function toDepartmentResponse(d: Department): DepartmentResponse {
  return {
    id: d.id,
    slug: d.slug,
    name: d.name,
    contactEmail: d.contactEmail,
    coordinators: d.coordinators,
    reviewIntervalDays: d.reviewIntervalDays,
    reviewUpcomingDays: d.reviewUpcomingDays,
    reviewOverdueDays: d.reviewOverdueDays,
    reviewEscalationDays: d.reviewEscalationDays,
    allowSelfApproval: d.allowSelfApproval,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}
