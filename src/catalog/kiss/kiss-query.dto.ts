import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

/** Objects API style paging and filtering (`page`, `pageSize`, `data_attr=attr__exact__value`). */
export class KissListQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  /** capped at the configured maximum page size */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) pageSize?: number;
  /** `upnUri__exact__<uri>` (kennisartikelen) or `trefwoord__exact__<word>`; several comma-separated */
  @IsOptional() @IsString() @MaxLength(1000) data_attr?: string;
}
