import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Objects API style paging and filtering (`page`, `pageSize`, `data_attr=attr__exact__value`). */
export class KissListQueryDto {
  /** bounded so the offset stays in the database's range (a million pages is far past any catalogue) */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) page?: number;
  /** capped at the configured maximum page size */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) pageSize?: number;
  /** `upnUri__exact__<uri>` (kennisartikelen) or `trefwoord__exact__<word>`; several comma-separated */
  @IsOptional() @IsString() @MaxLength(1000) data_attr?: string;
}
