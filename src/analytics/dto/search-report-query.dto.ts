import { IsDateString, IsIn, IsOptional, Matches } from 'class-validator';

export class SearchReportQueryDto {
  /** start (inclusive), ISO date or date-time; default 30 days ago */
  @IsOptional() @IsDateString({ strict: true }) from?: string;
  /** end (exclusive); default now */
  @IsOptional() @IsDateString({ strict: true }) to?: string;
  /** only searches whose clicks went to this department's articles */
  @IsOptional() @Matches(/^[a-z0-9-]{1,80}$/) department?: string;
  @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}
