import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { REMINDER_MAIL_MODES, ReminderMailMode } from '../stewardship-preference.entity';

export class PreferencesDto {
  /** `per-article`: a mail per article and stage; `digest`: the Monday digest instead (escalations to coordinators still go at once) */
  @IsIn(REMINDER_MAIL_MODES)
  reminderMail: ReminderMailMode;
}

export class TrendQueryDto {
  /** department slug or id; without: the whole kennisbank */
  @IsOptional() @IsString() @MaxLength(80) department?: string;
  /** first day, YYYY-MM-DD (Amsterdam); default 89 days before `to` */
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date YYYY-MM-DD' }) from?: string;
  /** last day, YYYY-MM-DD; default today */
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date YYYY-MM-DD' }) to?: string;
}

export class DeliveryIdDto {
  @ApiProperty({ format: 'uuid', description: 'Delivery id' })
  @IsUUID()
  id: string;
}

export class LevelReviewDatesDto {
  /** only this department (slug or id); default every department */
  @IsOptional() @IsString() @MaxLength(80) department?: string;
  /** may review dates move later than the interval allows? Such moves are listed with `laterByDays` */
  @IsOptional() @IsBoolean() allowLater?: boolean;
  /** only report what would move */
  @IsOptional() @IsBoolean() dryRun?: boolean;
}
