import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../../common/request-context/actor';
import { SLUG_PATTERN } from '../../common/http/slug';

export class DevLoginDto {
  @IsIn(ROLES) role: Role;
  /** department slugs the development user edits for */
  @IsOptional() @IsArray() @ArrayMaxSize(20) @Matches(SLUG_PATTERN, { each: true }) departments?: string[];
  /** shown in the werkplek and recorded as the author of changes */
  @IsOptional() @IsString() @MaxLength(100) name?: string;
}
